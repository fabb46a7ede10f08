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
 * object it references) is kept as it is, without reading upstream; a new one is fetched (paid from the pull
 * budget), its children followed (only the chosen platforms of an index: none of them is a failure), and its
 * blobs streamed from upstream when sent.
 */
final class ManifestWalk {
  private final UpstreamClient client;
  private final UpstreamReference source;
  private final String target;
  private final Platforms platforms;
  private final BucketContents bucket;
  private final HeaderRules rules;
  private final ImageContent out;
  private final PullBudget budget;

  ManifestWalk(UpstreamClient client, MirrorImage image, BucketContents bucket, HeaderRules rules, ImageContent out,
      PullBudget budget) {
    this.client = client;
    this.budget = budget;
    this.source = image.source();
    this.target = image.target();
    this.platforms = new Platforms(image.platforms());
    this.bucket = bucket;
    this.rules = rules;
    this.out = out;
  }

  /**
   * Adds the manifest {@code ref} pins (its digest set; its tag, if any, names it in messages) and everything it
   * references; returns its bytes when they were fetched, else null.
   */
  RawManifest manifest(UpstreamReference ref, long size) throws UpstreamException, ImageFailure {
    Digest digest = ref.digest();
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
    budget.take(ref);
    RawManifest m = client.manifest(ref);
    out.add(new TreeObject(key, m.bytes().length, Content.of(m.bytes()), digest, m, rules.manifestByDigest(m)));
    Map<String, String> omitted = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    List<DescriptorTemplate> kept = platforms.choose(m, omitted, labels);
    out.leftOut.addAll(omitted.keySet());
    platforms.check(ref, labels, out.notes);
    budget.require(ref, (int) kept.stream().filter(c -> needsFetch(Digest.parse(c.digest), size(c))).count());
    for (DescriptorTemplate child : kept) {
      manifest(ref.withDigest(Digest.parse(child.digest)), size(child));
    }
    for (DescriptorTemplate blob : blobs(m)) {
      blob(blob);
    }
    out.records.put(Records.key(target, digest), Records.of(m, kept.stream().map(c -> c.digest).toList(), omitted));
    return m;
  }

  /** Whether the manifest must be fetched upstream: neither this walk nor the bucket has it. */
  boolean needsFetch(Digest digest, long size) {
    RegistryKey key = RegistryKey.manifest(target, digest);
    return !out.has(key.path()) && !bucket.has(key, size);
  }

  private static long size(DescriptorTemplate d) {
    return d.size == null ? -1 : d.size;
  }

  /**
   * Keeps a manifest the bucket holds, with what it references: false when something it needs is missing
   * (it is then fetched again). Children left out before are fetched now if the platforms now choose them.
   */
  private boolean keep(RegistryKey key, Digest digest, ManifestRecord record) throws UpstreamException, ImageFailure {
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
        manifest(source.withDigest(d), -1);
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
        manifest(source.withDigest(Digest.parse(o.getKey())), -1);
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
    long size = size(d);
    Content content = bucket.has(key, size) ? Content.IN_BUCKET
        : Content.streamed(RecordedStream.of(() -> client.blob(source, digest, size), out));
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
