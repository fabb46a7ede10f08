package dev.registrish.verify;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.Referrers;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a manifest's referrers as OCI 1.1 clients find them: {@code referrers/<digest>} answers an image index with
 * exactly {@code Content-Type: application/vnd.oci.image.index.v1+json} and no {@code OCI-Filters-Applied}, listing
 * exactly the tree's referrers (with {@code --tree}); the fallback tag holds the same bytes; each entry names the
 * manifest as its {@code subject} ({@link #subject}). Entries are then walked like any manifest.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">listing referrers</a>
 */
final class ReferrerChecks {
  private final RegistryClient client;
  private final RegistryUrls urls;
  private final Findings findings;
  private final Tree tree;
  private final Map<String, Referrers> expected = new ConcurrentHashMap<>();

  /** {@code tree} is the tree the registry was published from, or null. */
  ReferrerChecks(RegistryClient client, RegistryUrls urls, Findings findings, Tree tree) {
    this.client = client;
    this.urls = urls;
    this.findings = findings;
    this.tree = tree;
  }

  /** Checks {@code subject}'s referrers document and fallback tag; yields the entries to walk (none when unreadable). */
  CompletableFuture<List<DescriptorTemplate>> check(String repository, Digest subject) {
    List<DescriptorTemplate> want = expected(repository, subject);
    return client.get(urls.referrers(repository, subject), MediaType.OCI_INDEX).thenCompose(r -> {
      RawManifest index = document(r, want);
      if (index == null) {
        return CompletableFuture.completedFuture(List.of());
      }
      if (want != null && !same(want, index.children())) {
        findings.problem("referrers", r.uri(), "lists " + digests(index.children()) + " but the tree has "
            + digests(want) + " (with their descriptors): clients see other signatures and SBOMs than were published");
      }
      if (index.children().isEmpty()) {
        return CompletableFuture.completedFuture(List.of());
      }
      return client.get(urls.referrersTag(repository, subject), RegistryClient.MANIFEST_ACCEPT).thenApply(tag -> {
        if (!tag.ok() || !Arrays.equals(tag.body(), r.body())) {
          findings.problem("referrers-fallback", tag.uri(), (tag.ok() ? "holds other bytes than " + r.uri() : "answers "
              + tag.outcome()) + ": clients without the referrers API (the fallback tag schema) see other referrers");
        }
        return index.children();
      });
    });
  }

  /** Checks that an entry of {@code subject}'s referrers names it as its subject. */
  void subject(Digest subject, URI uri, RawManifest artifact) {
    String named = artifact.template().subject == null ? null : artifact.template().subject.digest;
    if (!subject.toString().equals(named)) {
      findings.problem("referrers-subject", uri, "listed as a referrer of " + subject + " but its subject is "
          + (named == null ? "absent" : named) + ": clients verify a signature or SBOM against the wrong image");
    }
  }

  /** The parsed document, or null after recording why clients cannot use it. */
  private RawManifest document(HttpResult r, List<DescriptorTemplate> want) {
    if (!r.ok()) {
      boolean missing = r.responded() && (r.status() == 404 || r.status() == 403);
      String what = "GET answers " + r.outcome() + ": ";
      if (missing && (want == null || want.isEmpty())) {
        findings.warning("referrers", r.uri(), what + "clients that ask for this image's signatures or SBOMs get an error"
            + " instead of an empty list (the spec forbids a 404 here)");
      } else {
        findings.problem("referrers", r.uri(), what + "clients find none of the image's signatures or SBOMs");
      }
      return null;
    }
    String type = r.header("Content-Type").orElse("");
    if (!type.equals(MediaType.OCI_INDEX)) {
      findings.problem("content-type", r.uri(), "GET answers Content-Type " + (type.isEmpty() ? "(none)" : type) + ", not exactly "
          + MediaType.OCI_INDEX + ": clients compare the string and take the referrers API as unsupported");
    }
    r.header("OCI-Filters-Applied").ifPresent(f -> findings.problem("referrers", r.uri(), "sends OCI-Filters-Applied: " + f
        + ", but nothing was filtered: clients trust the list as filtered and skip their own filter"));
    try {
      RawManifest index = RawManifest.parse(r.body());
      if (MediaType.OCI_INDEX.equals(index.mediaType())) {
        return index;
      }
      findings.problem("referrers", r.uri(), "the body is a " + index.mediaType() + ", not an image index: clients fail to list referrers");
    } catch (InvalidManifestException e) {
      findings.problem("referrers", r.uri(), "the body is not an image index (" + e.getMessage() + "): clients fail to list referrers");
    }
    return null;
  }

  /** The tree's referrers of {@code subject}, or null without a tree (or for a repository it does not have). */
  private List<DescriptorTemplate> expected(String repository, Digest subject) {
    RepositoryTree repo = tree == null ? null : tree.repositories().get(repository);
    return repo == null ? null : expected.computeIfAbsent(repository, r -> Referrers.of(repo)).of(subject);
  }

  /** Whether two lists hold the same descriptors, in any order. */
  private static boolean same(List<DescriptorTemplate> want, List<DescriptorTemplate> got) {
    if (want.size() != got.size()) {
      return false;
    }
    Comparator<DescriptorTemplate> byDigest = Comparator.comparing(d -> d.digest);
    List<DescriptorTemplate> w = want.stream().sorted(byDigest).toList();
    List<DescriptorTemplate> g = got.stream().sorted(byDigest).toList();
    for (int i = 0; i < w.size(); i++) {
      DescriptorTemplate a = w.get(i);
      DescriptorTemplate b = g.get(i);
      if (!a.digest.equals(b.digest) || !Objects.equals(a.mediaType, b.mediaType) || !Objects.equals(a.size, b.size)
          || !Objects.equals(a.artifactType, b.artifactType) || !Objects.equals(a.annotations, b.annotations)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> digests(List<DescriptorTemplate> list) {
    return list.stream().map(d -> d.digest).toList();
  }
}
