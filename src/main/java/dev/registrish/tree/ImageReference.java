package dev.registrish.tree;

import dev.registrish.oci.Digest;

/**
 * A reference to an image of a registry or tree: {@code REPO:TAG} or {@code REPO@DIGEST}.
 *
 * @param tag the tag, or null when {@code digest} is given
 * @param digest the digest, or null when {@code tag} is given
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">distribution spec</a>
 */
public record ImageReference(String repository, String tag, Digest digest) {

  /** A reference by tag. */
  public static ImageReference ofTag(String repository, String tag) {
    return new ImageReference(repository, tag, null);
  }

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
      throw new IllegalArgumentException("'" + value + "': name an image as REPOSITORY:TAG or REPOSITORY@DIGEST");
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

  /** Whether the reference is a digest rather than a tag. */
  public boolean byDigest() {
    return digest != null;
  }

  /** What follows {@code manifests/}: the tag, or the digest. */
  public String reference() {
    return tag != null ? tag : digest.toString();
  }

  /** The key of the manifest this reference names. */
  public RegistryKey key() {
    return tag != null ? RegistryKey.tag(repository, tag) : RegistryKey.manifest(repository, digest);
  }

  @Override
  public String toString() {
    return repository + (tag != null ? ":" + tag : "@" + digest);
  }
}
