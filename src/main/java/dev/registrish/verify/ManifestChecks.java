package dev.registrish.verify;

import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;

/**
 * Checks a manifest (by tag or digest) as a client resolves it, HEAD then GET: status, Content-Type
 * equal to the manifest's own type, Content-Length, no Content-Encoding, body sha256 against the
 * digest asked for and the local tree, and a tag's Cache-Control against the tag policy.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">pulling manifests</a>
 */
final class ManifestChecks {
  private final Findings findings;
  private final CachePolicy cache;

  ManifestChecks(Findings findings, CachePolicy cache) {
    this.findings = findings;
    this.cache = cache;
  }

  /** Checks both responses; returns the served manifest to follow, or null when clients cannot get one. */
  RawManifest check(HttpResult head, HttpResult get, ManifestExpectation expected) {
    if (!ResponseChecks.ok(findings, get, "manifest")) {
      return null;
    }
    ResponseChecks.noContentEncoding(findings, get);
    RawManifest m;
    try {
      m = RawManifest.parse(get.body());
    } catch (InvalidManifestException e) {
      findings.problem("invalid-manifest", get.uri(), "the body is not a manifest (" + e.getMessage() + "): clients fail to parse it");
      return null;
    }
    contentType(get, m);
    ResponseChecks.contentLength(findings, get, get.bodyLength());
    Digest named = expected.digest() != null ? expected.digest() : m.digest();
    ResponseChecks.dockerContentDigest(findings, get, named);
    if (expected.digest() != null && expected.digest().algorithm().equals("sha256") && !expected.digest().equals(m.digest())) {
      findings.problem("digest", get.uri(), "the body's sha256 is " + m.digest() + ", not the " + expected.digest()
          + " it is asked by: clients reject it (digest mismatch)");
    } else if (expected.size() != null && expected.size() != get.bodyLength()) {
      findings.problem("size", get.uri(), "the body is " + get.bodyLength() + " bytes, the index says " + expected.size()
          + ": clients reject it (size mismatch)");
    }
    if (expected.treeDigest() != null && !expected.treeDigest().equals(m.digest())) {
      findings.problem("tree-mismatch", get.uri(), "serves " + m.digest() + " but the tree's tag file is "
          + expected.treeDigest() + ": clients pull another image than the one published (stale cache or unfinished publish)");
    }
    checkHead(head, m, named, get.bodyLength());
    if (expected.tag()) {
      cache.checkTag(findings, get);
    }
    return m;
  }

  private void checkHead(HttpResult head, RawManifest m, Digest named, long length) {
    if (!head.responded() || head.status() != 200) {
      findings.problem("head", head.uri(), "HEAD answers " + head.outcome() + " while GET answers HTTP 200: containerd"
          + " and Docker resolve tags with HEAD and fail");
      return;
    }
    ResponseChecks.noContentEncoding(findings, head);
    contentType(head, m);
    ResponseChecks.contentLength(findings, head, length);
    ResponseChecks.dockerContentDigest(findings, head, named);
  }

  private void contentType(HttpResult r, RawManifest m) {
    String served = r.mediaType();
    if (!served.equals(m.mediaType())) {
      findings.problem("content-type", r.uri(), r.method() + " answers Content-Type "
          + (served.isEmpty() ? "(none)" : served) + ", not the manifest's " + m.mediaType()
          + ": clients reject it or misread it (e.g. 'unsupported manifest media type')");
    }
  }
}
