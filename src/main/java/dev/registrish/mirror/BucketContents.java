package dev.registrish.mirror;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;
import dev.registrish.publish.BucketView;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.publish.state.MarkerTemplate.ManifestRecord;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the bucket already holds, as a mirror needs it: whether a key is there with the expected size, each
 * repository's tags, the marker, and what a published manifest references (from the marker's records, else
 * read back from the bucket once).
 */
final class BucketContents {
  private final BucketView bucket;
  private final Map<String, Long> sizes = new HashMap<>();
  private final Map<String, Set<String>> tags = new HashMap<>();
  private final Set<String> repositories = new HashSet<>();

  BucketContents(BucketView bucket) {
    this.bucket = bucket;
    for (RemoteObject r : bucket.listing()) {
      sizes.put(r.key(), r.size());
      RegistryKey k = RegistryKey.parse(r.key());
      if (k != null && k.repository() != null) {
        repositories.add(k.repository());
      }
      if (k != null && k.kind() == Kind.TAG) {
        tags.computeIfAbsent(k.repository(), x -> new TreeSet<>()).add(k.reference());
      }
    }
  }

  /** The tags the bucket holds in a repository, sorted. */
  Set<String> tags(String repository) {
    return tags.getOrDefault(repository, Set.of());
  }

  /** Whether the bucket holds any key of a repository. */
  boolean holds(String repository) {
    return repositories.contains(repository);
  }

  /** The marker as read before the run (an empty one when the bucket has none). */
  MarkerTemplate marker() {
    return bucket.marker() == null ? new MarkerTemplate() : bucket.marker();
  }

  /** Whether the bucket holds {@code key} with {@code size} bytes (any size when negative). */
  boolean has(RegistryKey key, long size) {
    Long listed = sizes.get(key.path());
    return listed != null && (size < 0 || listed == size);
  }

  /** The listed size of a key, or -1. */
  long size(RegistryKey key) {
    return sizes.getOrDefault(key.path(), -1L);
  }

  /** A record read back from a manifest's bytes: an index's children the bucket holds, and the others as left out. */
  private ManifestRecord recordOf(String repository, RawManifest m) {
    List<String> kept = new ArrayList<>();
    Map<String, String> omitted = new LinkedHashMap<>();
    for (DescriptorTemplate child : m.children()) {
      if (has(RegistryKey.manifest(repository, Digest.parse(child.digest)), -1)) {
        kept.add(child.digest);
      } else {
        omitted.put(child.digest, Platforms.label(child));
      }
    }
    return Records.of(m, kept, omitted);
  }

  /** What a manifest the bucket holds references, from the marker, else by reading it; empty when unreadable. */
  Optional<ManifestRecord> record(String repository, Digest digest) {
    ManifestRecord known = marker().manifests.get(Records.key(repository, digest));
    if (known != null) {
      return Optional.of(known);
    }
    RegistryKey key = RegistryKey.manifest(repository, digest);
    return bucket.store().get(bucket.prefix() + key.path()).flatMap(bytes -> {
      try {
        RawManifest m = RawManifest.parse(bytes);
        return m.digest().equals(digest) ? Optional.of(recordOf(repository, m)) : Optional.empty();
      } catch (InvalidManifestException e) {
        return Optional.empty();
      }
    });
  }
}
