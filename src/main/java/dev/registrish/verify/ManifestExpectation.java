package dev.registrish.verify;

import dev.registrish.oci.Digest;

/**
 * What a manifest URL must serve.
 *
 * @param digest the digest it is asked by, or null for a tag
 * @param size the size its descriptor gives, or null
 * @param treeDigest the digest of the local tree's tag file, or null
 * @param tag whether it is a tag (short-lived, Cache-Control checked)
 */
record ManifestExpectation(Digest digest, Long size, Digest treeDigest, boolean tag) {

  static ManifestExpectation tag(Digest treeDigest) {
    return new ManifestExpectation(null, null, treeDigest, true);
  }

  static ManifestExpectation child(Digest digest, Long size) {
    return new ManifestExpectation(digest, size, null, false);
  }
}
