package dev.registrish.mirror;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.publish.state.MarkerTemplate.ManifestRecord;
import dev.registrish.tree.Content;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import dev.registrish.upstream.UpstreamClient;
import dev.registrish.upstream.UpstreamException;
import dev.registrish.upstream.UpstreamReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one image's manifests as the mirror needs them: a manifest the bucket already holds (with every
 * object it references) is kept as it is, without reading upstream; a new one is fetched, its children
 * followed (only the chosen platforms of an index), and its blobs streamed from upstream when sent.
 */
final class ManifestWalk {
  private final UpstreamClient client;
  private final UpstreamReference source;
  private final String target;
  private final Platforms platforms;
  private final BucketContents bucket;
  private final HeaderRules rules;
  private final ImageContent out;

  ManifestWalk(UpstreamClient client, MirrorImage image, BucketContents bucket, HeaderRules rules, ImageContent out) {
    this.client = client;
    this.source = image.source();
    this.target = image.target();
    this.platforms = new Platforms(image.platforms());
    this.bucket = bucket;
    this.rules = rules;
    this.out = out;
  }

  /** Adds a manifest and everything it references; returns its bytes when they were fetched, else null. */
  RawManifest manifest(Digest digest, long size) throws UpstreamException {
    RegistryKey key = RegistryKey.manifest(target, digest);
    TreeObject known = out.objects.get(key.path());
    if (known != null) {
      return known.manifest();
    }
    if (bucket.has(key, size)) {
      Optional<ManifestRecord> record = bucket.record(target, digest);
      if (record.isPresent() && keep(key, digest, record.get())) {
        return null;
      }
    }
    RawManifest m = client.manifest(source.withDigest(digest));
    out.add(new TreeObject(key, m.bytes().length, Content.of(m.bytes()), digest, m, rules.manifestByDigest(m)));
    Set<String> kept = new LinkedHashSet<>();
    Map<String, String> omitted = new LinkedHashMap<>();
    for (boolean attestations : new boolean[] {false, true}) {
      for (DescriptorTemplate child : m.children()) {
        String label = Platforms.label(child);
        if (label.startsWith("attestation-for ") != attestations) {
          continue;
        }
        if (platforms.keeps(label, kept)) {
          kept.add(child.digest);
          manifest(Digest.parse(child.digest), child.size == null ? -1 : child.size);
        } else {
          omitted.put(child.digest, label);
          out.leftOut.add(child.digest);
        }
      }
    }
    for (DescriptorTemplate blob : blobs(m)) {
      blob(blob);
    }
    out.records.put(Records.key(target, digest), Records.of(m, new ArrayList<>(kept), omitted));
    return m;
  }

  /**
   * Keeps a manifest the bucket holds, with what it references: false when something it needs is missing
   * (it is then fetched again). Children left out before are fetched now if the platforms now choose them.
   */
  private boolean keep(RegistryKey key, Digest digest, ManifestRecord record) throws UpstreamException {
    boolean index = MediaType.isIndex(record.type());
    if (!index) {
      for (String ref : record.refs()) {
        if (!bucket.has(RegistryKey.blob(target, Digest.parse(ref)), -1)) {
          return false;
        }
      }
    }
    out.add(new TreeObject(key, bucket.size(key), Content.IN_BUCKET, digest, null, rules.manifestByDigest(record.type(), digest)));
    List<String> refs = new ArrayList<>();
    Map<String, String> omitted = new LinkedHashMap<>();
    for (String ref : record.refs()) {
      Digest d = Digest.parse(ref);
      refs.add(ref);
      if (index) {
        manifest(d, -1);
      } else {
        RegistryKey blob = RegistryKey.blob(target, d);
        out.add(new TreeObject(blob, bucket.size(blob), Content.IN_BUCKET, d, null, rules.blob(d)));
      }
    }
    Set<String> kept = new LinkedHashSet<>(refs);
    for (Map.Entry<String, String> o : record.omitted() == null ? Map.<String, String>of().entrySet() : record.omitted().entrySet()) {
      if (platforms.keeps(o.getValue(), kept)) {
        refs.add(o.getKey());
        kept.add(o.getKey());
        manifest(Digest.parse(o.getKey()), -1);
      } else {
        omitted.put(o.getKey(), o.getValue());
        out.leftOut.add(o.getKey());
      }
    }
    out.records.put(Records.key(target, digest), new ManifestRecord(record.type(), refs, omitted));
    return true;
  }

  private void blob(DescriptorTemplate d) {
    if (Platforms.isForeign(d)) {
      out.notes.add(target + ": foreign layer " + d.digest + " keeps its descriptor and is not mirrored");
      return;
    }
    Digest digest = Digest.parse(d.digest);
    RegistryKey key = RegistryKey.blob(target, digest);
    long size = d.size == null ? -1 : d.size;
    Content content = bucket.has(key, size) ? Content.IN_BUCKET : Content.streamed(() -> client.blob(source, digest, size));
    out.add(new TreeObject(key, size, content, digest, null, rules.blob(digest)));
  }

  /** Config and layers with their descriptors (schema1 is refused upstream, so never here). */
  private static List<DescriptorTemplate> blobs(RawManifest m) {
    List<DescriptorTemplate> out = new ArrayList<>();
    if (m.template().config != null) {
      out.add(m.template().config);
    }
    if (m.template().layers != null) {
      out.addAll(m.template().layers);
    }
    return out;
  }
}
