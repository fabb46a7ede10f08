package dev.registrish.verify;

import dev.registrish.oci.Digest;

/**
 * Checks a blob as a client fetches it: present, no Content-Encoding, the blob type and an immutable
 * Cache-Control, the size the manifest gives,
 * and, for a full download ({@code --deep}), the sha256 of the bytes.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-blobs">pulling blobs</a>
 */
final class BlobChecks {
  private final Findings findings;
  private final CachePolicy cache;

  BlobChecks(Findings findings, CachePolicy cache) {
    this.findings = findings;
    this.cache = cache;
  }

  /** Checks a HEAD or streamed GET of a blob; {@code size} is the descriptor's, or null (schema1). */
  void check(HttpResult r, Digest digest, Long size) {
    if (!ResponseChecks.ok(findings, r, "blob")) {
      return;
    }
    ResponseChecks.noContentEncoding(findings, r);
    cache.checkBlob(findings, r);
    ResponseChecks.dockerContentDigest(findings, r, digest);
    long expected = size != null ? size : r.bodyDigest() != null ? r.bodyLength() : r.contentLength().orElse(0);
    ResponseChecks.contentLength(findings, r, expected);
    if (r.bodyDigest() == null) {
      return;
    }
    if (!r.bodyDigest().equals(digest) && digest.algorithm().equals("sha256")) {
      findings.problem("digest", r.uri(), "the bytes' sha256 is " + r.bodyDigest() + ": clients reject the blob (digest mismatch)");
    } else if (size != null && r.bodyLength() != size) {
      findings.problem("size", r.uri(), "the body is " + r.bodyLength() + " bytes, the manifest says " + size
          + ": clients reject the blob (size mismatch)");
    }
  }
}
