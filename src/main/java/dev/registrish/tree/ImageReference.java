package dev.registrish.tree;

import dev.registrish.oci.Digest;

/**
 * A reference to an image of the tree: {@code REPO:TAG} or {@code REPO@DIGEST}.
 *
 * @param tag the tag, or null when {@code digest} is given
 * @param digest the digest, or null when {@code tag} is given
 */
public record ImageReference(String repository, String tag, Digest digest) {

  /** Parses {@code REPO:TAG} or {@code REPO@sha256:<hex>}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static ImageReference parse(String value) {
    int at = value.indexOf('@');
    if (at >= 0) {
      String d = value.substring(at + 1);
      if (!Digest.isValid(d)) {
        throw new IllegalArgumentException("'" + value + "': '" + d + "' is not a digest (sha256:<64 hex>)");
      }
      return of(value, value.substring(0, at), null, Digest.parse(d));
    }
    int colon = value.lastIndexOf(':');
    if (colon <= value.lastIndexOf('/')) {
      throw new IllegalArgumentException("'" + value + "': expected REPOSITORY:TAG or REPOSITORY@DIGEST");
    }
    String tag = value.substring(colon + 1);
    if (!Names.isTag(tag)) {
      throw new IllegalArgumentException("'" + value + "': invalid tag '" + tag + "' (" + Names.tagRule() + ")");
    }
    return of(value, value.substring(0, colon), tag, null);
  }

  private static ImageReference of(String value, String repo, String tag, Digest digest) {
    if (!Names.isRepository(repo)) {
      throw new IllegalArgumentException("'" + value + "': invalid repository name '" + repo + "' (" + Names.repositoryRule() + ")");
    }
    return new ImageReference(repo, tag, digest);
  }

  /** The file name under {@code manifests/}: the tag, or the digest. */
  public String manifestName() {
    return tag != null ? tag : digest.toString();
  }

  @Override
  public String toString() {
    return repository + (tag != null ? ":" + tag : "@" + digest);
  }
}
