package dev.registrish.mirror;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Referrers;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.upstream.UpstreamClient;
import dev.registrish.upstream.UpstreamException;
import dev.registrish.upstream.UpstreamReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The referrers of a mirrored image and their documents. With {@code referrers: true}, every manifest of the image
 * (its index, the platforms, and the artifacts themselves) is asked for its referrers upstream: by the referrers API
 * where the registry answers it, else by the fallback tag ({@code sha256-<hex>}) and cosign's tags
 * ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}), which are mirrored as tags; each artifact is walked like any
 * manifest. Whatever the setting, every mirrored manifest gets its referrers document and fallback tag ({@link Referrers}).
 */
final class MirrorReferrers {
  private static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  /** Mirrors a tag of the image as the image's own tags are mirrored. */
  @FunctionalInterface
  interface Tagger {
    void tag(String tag) throws UpstreamException, ImageFailure;
  }

  private final UpstreamClient client;
  private final MirrorImage image;
  private final ManifestWalk walk;
  private final Tagger tagger;
  private final HeaderRules rules;
  private boolean api = true;

  MirrorReferrers(UpstreamClient client, MirrorImage image, ManifestWalk walk, Tagger tagger, HeaderRules rules) {
    this.client = client;
    this.image = image;
    this.walk = walk;
    this.tagger = tagger;
    this.rules = rules;
  }

  /** Brings the referrers of everything in {@code out} (with {@code referrers: true}), then adds every document to it. */
  void add(ImageContent out) throws UpstreamException, ImageFailure {
    Referrers documents = new Referrers(image.target());
    Set<Digest> asked = new HashSet<>();
    for (boolean more = image.referrers(); more; ) {
      more = false;
      for (Digest subject : manifests(out)) {
        if (asked.add(subject)) {
          more = true;
          for (DescriptorTemplate d : referrers(subject)) {
            documents.referrer(subject, d);
            walk.manifest(image.source().withDigest(Digest.parse(d.digest)), d.size == null ? -1 : d.size);
          }
        }
      }
    }
    for (TreeObject o : List.copyOf(out.objects.values())) {
      if (o.kind() == Kind.MANIFEST) {
        if (o.manifest() != null) {
          documents.add(o.manifest());
        } else {
          documents.add(o.digest());
        }
      } else if (o.kind() == Kind.REFERRERS_TAG) {
        fallback(o, documents); // selected by the tag rules: merged, and derived from now on
        out.tags.remove(o.tag());
      }
    }
    documents.objects(rules).forEach(o -> out.objects.put(o.path(), o));
  }

  private static List<Digest> manifests(ImageContent out) {
    return out.objects.values().stream().filter(o -> o.kind() == Kind.MANIFEST).map(TreeObject::digest).toList();
  }

  /** {@code subject}'s referrers upstream: by the API, else by the fallback tag and cosign's tags (mirrored as tags). */
  private List<DescriptorTemplate> referrers(Digest subject) throws UpstreamException, ImageFailure {
    UpstreamReference source = image.source();
    if (api) {
      Optional<RawManifest> index = client.referrers(source, subject);
      if (index.isPresent()) {
        return index.get().children();
      }
      api = false; // the registry does not support the API: ask no more
    }
    String tag = RegistryKey.referrersTag(image.target(), subject).reference();
    List<DescriptorTemplate> out = new ArrayList<>();
    absentOr(() -> out.addAll(client.manifest(source.withTag(tag)).children()));
    for (String suffix : COSIGN_SUFFIXES) {
      absentOr(() -> tagger.tag(tag + suffix));
    }
    return out;
  }

  /** Merges the entries of a fallback tag the tag rules selected into the documents of the digest it names. */
  private void fallback(TreeObject tag, Referrers documents) throws UpstreamException {
    if (!tag.tag().startsWith("sha256-")) {
      return;
    }
    RawManifest index = tag.manifest() != null ? tag.manifest() : client.manifest(image.source().withDigest(tag.digest()));
    Digest subject = new Digest("sha256", tag.tag().substring("sha256-".length()));
    index.children().forEach(d -> documents.referrer(subject, d));
  }

  /** A request that may find nothing upstream (HTTP 404): that is no failure. */
  @FunctionalInterface
  private interface Lookup {
    void run() throws UpstreamException, ImageFailure;
  }

  private static void absentOr(Lookup lookup) throws UpstreamException, ImageFailure {
    try {
      lookup.run();
    } catch (UpstreamException e) {
      if (e.reason() != UpstreamException.Reason.TAG_NOT_FOUND) {
        throw e;
      }
    }
  }
}
