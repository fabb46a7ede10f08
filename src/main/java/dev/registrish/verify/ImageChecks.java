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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Walks an image as a client pulls it: the tag (HEAD and GET), an index's every child by digest,
 * and each manifest's config and layers (HEAD, or a full download with {@code deep}). Every URL is
 * checked once, however many images share it.
 */
final class ImageChecks {
  private final RegistryClient client;
  private final RegistryUrls urls;
  private final ManifestChecks manifestChecks;
  private final BlobChecks blobChecks;
  private final boolean deep;
  private final Map<URI, CompletableFuture<Void>> seen = new ConcurrentHashMap<>();
  private final AtomicInteger manifests = new AtomicInteger();
  private final AtomicInteger blobs = new AtomicInteger();

  ImageChecks(RegistryClient client, RegistryUrls urls, ManifestChecks manifestChecks, BlobChecks blobChecks, boolean deep) {
    this.client = client;
    this.urls = urls;
    this.manifestChecks = manifestChecks;
    this.blobChecks = blobChecks;
    this.deep = deep;
  }

  /** Checks one image; {@code treeDigest} is the local tree's digest for the tag, or null. */
  CompletableFuture<Void> image(ImageReference ref, Digest treeDigest) {
    ManifestExpectation expected = ref.byDigest()
        ? ManifestExpectation.child(Digest.parse(ref.reference()), null) : ManifestExpectation.tag(treeDigest);
    URI uri = urls.manifest(ref.repository(), ref.reference());
    return once(uri, () -> manifest(ref.repository(), uri, expected));
  }

  int manifests() {
    return manifests.get();
  }

  int blobs() {
    return blobs.get();
  }

  private CompletableFuture<Void> manifest(String repo, URI uri, ManifestExpectation expected) {
    manifests.incrementAndGet();
    CompletableFuture<HttpResult> head = client.head(uri, RegistryClient.MANIFEST_ACCEPT);
    CompletableFuture<HttpResult> get = client.get(uri, RegistryClient.MANIFEST_ACCEPT);
    return head.thenCombine(get, (h, g) -> manifestChecks.check(h, g, expected))
        .thenCompose(m -> m == null ? CompletableFuture.completedFuture(null) : follow(repo, m));
  }

  private CompletableFuture<Void> follow(String repo, RawManifest m) {
    List<CompletableFuture<Void>> next = new ArrayList<>();
    for (DescriptorTemplate child : m.children()) {
      URI uri = urls.manifest(repo, child.digest);
      next.add(once(uri, () -> manifest(repo, uri, ManifestExpectation.child(Digest.parse(child.digest), child.size))));
    }
    for (DescriptorTemplate blob : blobDescriptors(m.template())) {
      URI uri = urls.blob(repo, blob.digest);
      next.add(once(uri, () -> blob(uri, Digest.parse(blob.digest), blob.size)));
    }
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

  private CompletableFuture<Void> blob(URI uri, Digest digest, Long size) {
    blobs.incrementAndGet();
    CompletableFuture<HttpResult> r = deep ? client.getDigest(uri) : client.head(uri, "*/*");
    return r.thenAccept(result -> blobChecks.check(result, digest, size));
  }

  private CompletableFuture<Void> once(URI uri, Supplier<CompletableFuture<Void>> check) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> existing = seen.putIfAbsent(uri, mine);
    if (existing != null) {
      return existing;
    }
    check.get().whenComplete((v, e) -> {
      if (e != null) {
        mine.completeExceptionally(e);
      } else {
        mine.complete(null);
      }
    });
    return mine;
  }
}
