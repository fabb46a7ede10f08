package dev.registrish.tree;

import java.util.Map;

/**
 * The headers one published object is served with, and the user metadata stored with it in a bucket.
 *
 * @param dockerContentDigest the digest clients check, or null for derived documents
 * @param sha256 the digest kept in the object's user metadata (compared when its ETag is not an MD5), or null for blobs
 */
public record ObjectHeaders(String contentType, String cacheControl, String dockerContentDigest, String sha256) {

  /** The user metadata a bucket stores with the object. */
  public Map<String, String> metadata() {
    return sha256 == null ? Map.of() : Map.of(HeaderRules.SHA256_METADATA, sha256);
  }
}
