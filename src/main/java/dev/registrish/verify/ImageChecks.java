package dev.registrish.verify;

import dev.registrish.tree.ImageReference;
import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.ManifestTemplate;
import dev.registrish.oci.RawManifest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Walks an image as a client pulls it: the tag (HEAD and GET), an index's every child by digest,
 * and each manifest's config and layers (HEAD, or a full download with {@code deep}); then each manifest's referrers
 * ({@link ReferrerChecks}), whose artifacts are walked the same way. Every URL is checked once, however many images share it.
 */
final class ImageChecks {
  private final RegistryClient client;
  private final RegistryUrls urls;
  private final ManifestChecks manifestChecks;
  private final BlobChecks blobChecks;
  private final ReferrerChecks referrerChecks;
  private final boolean deep;
  private final Map<URI, CompletableFuture<RawManifest>> seen = new ConcurrentHashMap<>();
  private final Queue<CompletableFuture<Void>> referrers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger manifests = new AtomicInteger();
  private final AtomicInteger blobs = new AtomicInteger();

  ImageChecks(RegistryClient client, RegistryUrls urls, ManifestChecks manifestChecks, BlobChecks blobChecks,
      ReferrerChecks referrerChecks, boolean deep) {
    this.client = client;
    this.urls = urls;
    this.manifestChecks = manifestChecks;
    this.blobChecks = blobChecks;
    this.referrerChecks = referrerChecks;
    this.deep = deep;
  }

  /** Checks one image; {@code treeDigest} is the local tree's digest for the tag, or null. */
  CompletableFuture<Void> image(ImageReference ref, Digest treeDigest) {
    ManifestExpectation expected = ref.byDigest()
        ? ManifestExpectation.child(Digest.parse(ref.reference()), null) : ManifestExpectation.tag(treeDigest);
    URI uri = urls.manifest(ref.repository(), ref.reference());
    return once(uri, () -> manifest(ref.repository(), uri, expected)).thenApply(m -> null);
  }

  /**
   * Waits for the referrers checks of every manifest walked, and of the artifacts they list in turn. They run apart
   * from the walk of the manifest they are about, so an artifact that lists an image it is about cannot wait for itself.
   */
  void awaitReferrers() {
    for (CompletableFuture<Void> next; (next = referrers.poll()) != null; ) {
      next.join();
    }
  }

  int manifests() {
    return manifests.get();
  }

  int blobs() {
    return blobs.get();
  }

  private CompletableFuture<RawManifest> manifest(String repo, URI uri, ManifestExpectation expected) {
    manifests.incrementAndGet();
    CompletableFuture<HttpResult> head = client.head(uri, RegistryClient.MANIFEST_ACCEPT);
    CompletableFuture<HttpResult> get = client.get(uri, RegistryClient.MANIFEST_ACCEPT);
    return head.thenCombine(get, (h, g) -> manifestChecks.check(h, g, expected))
        .thenCompose(m -> m == null ? CompletableFuture.completedFuture(null) : follow(repo, m).thenApply(v -> m));
  }

  private CompletableFuture<Void> follow(String repo, RawManifest m) {
    List<CompletableFuture<?>> next = new ArrayList<>();
    for (DescriptorTemplate child : m.children()) {
      URI uri = urls.manifest(repo, child.digest);
      next.add(once(uri, () -> manifest(repo, uri, ManifestExpectation.child(Digest.parse(child.digest), child.size))));
    }
    for (DescriptorTemplate blob : blobDescriptors(m.template())) {
      URI uri = urls.blob(repo, blob.digest);
      next.add(once(uri, () -> blob(uri, Digest.parse(blob.digest), blob.size)));
    }
    referrers.add(referrerChecks.check(repo, m.digest()).thenCompose(entries -> CompletableFuture.allOf(entries.stream()
        .map(d -> {
          URI uri = urls.manifest(repo, d.digest);
          return once(uri, () -> manifest(repo, uri, ManifestExpectation.child(Digest.parse(d.digest), d.size)))
              .thenAccept(artifact -> {
                if (artifact != null) {
                  referrerChecks.subject(m.digest(), uri, artifact);
                }
              });
        }).toArray(CompletableFuture[]::new))));
    return CompletableFuture.allOf(next.toArray(CompletableFuture[]::new));
  }

  /** Config and layers with their sizes; schema1 layers (blobSums) have none. */
  private static List<DescriptorTemplate> blobDescriptors(ManifestTemplate t) {
    List<DescriptorTemplate> out = new ArrayList<>();
    if (t.config != null) {
      out.add(t.config);
    }
    if (t.layers != null) {
      out.addAll(t.layers);
    }
    if (t.fsLayers != null) {
      for (ManifestTemplate.FsLayer l : t.fsLayers) {
        DescriptorTemplate d = new DescriptorTemplate();
        d.digest = l.blobSum;
        out.add(d);
      }
    }
    return out;
  }

  private CompletableFuture<RawManifest> blob(URI uri, Digest digest, Long size) {
    blobs.incrementAndGet();
    CompletableFuture<HttpResult> r = deep ? client.getDigest(uri) : client.head(uri, "*/*");
    return r.thenApply(result -> {
      blobChecks.check(result, digest, size);
      return null;
    });
  }

  /** The one check of a URL (a manifest's yields it, once checked; a blob's yields null), however many images share it. */
  private CompletableFuture<RawManifest> once(URI uri, Supplier<CompletableFuture<RawManifest>> check) {
    CompletableFuture<RawManifest> mine = new CompletableFuture<>();
    CompletableFuture<RawManifest> existing = seen.putIfAbsent(uri, mine);
    if (existing != null) {
      return existing;
    }
    check.get().whenComplete((m, e) -> {
      if (e != null) {
        mine.completeExceptionally(e);
      } else {
        mine.complete(m);
      }
    });
    return mine;
  }
}
