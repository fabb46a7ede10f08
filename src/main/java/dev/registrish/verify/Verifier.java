package dev.registrish.verify;

import dev.registrish.tree.ImageReference;
import dev.registrish.oci.Digest;
import dev.registrish.tree.ManifestFile;
import dev.registrish.tree.RepositoryTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Pull-checks a published registry the way clients do: the ping, anonymous listing, every image's
 * manifests and blobs, every manifest's referrers, and each repository's tag list. The entry point for {@code registrish verify}
 * and for {@code publish --verify}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pull">distribution spec: pull</a>
 */
public final class Verifier {
  private final VerifyOptions options;
  private final RegistryClient client;
  private final Findings findings = new Findings();
  private final RegistryChecks registryChecks = new RegistryChecks(findings);

  private Verifier(VerifyOptions options) {
    this.options = options;
    this.client = new RegistryClient(options.concurrency(), options.retry(), options.timeout());
  }

  /**
   * Verifies a registry; the report holds every problem and warning found.
   *
   * @throws RegistryUnreachableException when {@code /v2/} gets no response at all
   * @throws NoImagesException when no image is named and the registry lists none
   */
  public static VerifyReport verify(VerifyOptions options) throws VerifyException {
    return new Verifier(options).run();
  }

  private VerifyReport run() throws VerifyException {
    long start = System.nanoTime();
    RegistryUrls urls = options.urls();
    registryChecks.ping(client.get(urls.ping(), "application/json").join());
    List<CompletableFuture<?>> pending = new ArrayList<>();
    List<CompletableFuture<HttpResult>> listings = urls.listings().stream().map(u -> client.get(u, "*/*")).toList();
    pending.add(CompletableFuture.allOf(listings.toArray(CompletableFuture[]::new))
        .thenRun(() -> registryChecks.listing(listings.stream().map(CompletableFuture::join).toList())));
    ImageDiscovery.Found found = ImageDiscovery.find(options, client, registryChecks);
    ImageChecks images = new ImageChecks(client, urls, new ManifestChecks(findings, new CachePolicy(options.rules())),
        new BlobChecks(findings, new CachePolicy(options.rules())), new ReferrerChecks(client, urls, findings, options.tree()),
        options.deep());
    Map<String, List<String>> tagsByRepo = new TreeMap<>();
    for (ImageReference ref : found.images()) {
      List<String> tags = tagsByRepo.computeIfAbsent(ref.repository(), r -> new ArrayList<>());
      if (!ref.byDigest()) {
        tags.add(ref.reference());
      }
      pending.add(images.image(ref, treeDigest(ref)));
    }
    tagsByRepo.forEach((repo, tags) -> {
      if (!found.listedRepositories().contains(repo)) {
        pending.add(client.get(urls.tagsList(repo), "application/json").thenAccept(r -> registryChecks.tagsList(r, tags)));
      }
    });
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    images.awaitReferrers();
    return new VerifyReport(urls.base().toString(), findings.sorted(), found.images().size(), images.manifests(),
        images.blobs(), client.requests(), Duration.ofNanos(System.nanoTime() - start));
  }

  private Digest treeDigest(ImageReference ref) {
    if (options.tree() == null || ref.byDigest()) {
      return null;
    }
    RepositoryTree repo = options.tree().repositories().get(ref.repository());
    ManifestFile tag = repo == null ? null : repo.tags().get(ref.reference());
    return tag == null ? null : tag.manifest().digest();
  }
}
