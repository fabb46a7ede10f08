package dev.registrish.verify;

import dev.registrish.oci.Digest;
import dev.registrish.tree.Names;

/**
 * An image to check: a repository and a tag or digest, written {@code REPO:TAG} or {@code REPO@DIGEST}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">distribution spec</a>
 */
public record ImageRef(String repository, String reference) {

  /** Parses {@code REPO:TAG} or {@code REPO@DIGEST}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static ImageRef parse(String value) {
    int at = value.indexOf('@');
    int colon = value.lastIndexOf(':');
    String repo;
    String reference;
    if (at >= 0) {
      repo = value.substring(0, at);
      reference = value.substring(at + 1);
      if (!Digest.isValid(reference)) {
        throw new IllegalArgumentException("'" + value + "': '" + reference + "' is not a digest (sha256:<64 hex>)");
      }
    } else if (colon > 0) {
      repo = value.substring(0, colon);
      reference = value.substring(colon + 1);
      if (!Names.isTag(reference)) {
        throw new IllegalArgumentException("'" + value + "': invalid tag '" + reference + "' (" + Names.tagRule() + ")");
      }
    } else {
      throw new IllegalArgumentException("'" + value + "': name an image as REPOSITORY:TAG or REPOSITORY@DIGEST");
    }
    if (!Names.isRepository(repo)) {
      throw new IllegalArgumentException("'" + value + "': invalid repository '" + repo + "' (" + Names.repositoryRule() + ")");
    }
    return new ImageRef(repo, reference);
  }

  /** Whether the reference is a digest rather than a tag. */
  public boolean byDigest() {
    return Digest.isValid(reference);
  }

  @Override
  public String toString() {
    return repository + (byDigest() ? "@" : ":") + reference;
  }
}
