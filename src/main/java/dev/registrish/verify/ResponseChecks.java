package dev.registrish.verify;

import dev.registrish.oci.Digest;

/** Checks every registry object shares: a response arrived, its status, no Content-Encoding, a true Docker-Content-Digest. */
final class ResponseChecks {
  private ResponseChecks() {}

  /** Whether the response is a 200; otherwise records why a client's request fails. */
  static boolean ok(Findings findings, HttpResult r, String what) {
    if (!r.responded()) {
      findings.problem("unreachable", r.uri(), r.method() + " got " + r.outcome() + ": clients fail the pull with a network error");
      return false;
    }
    switch (r.status()) {
      case 200 -> {
        return true;
      }
      case 404 -> findings.problem("missing", r.uri(), "HTTP 404: the " + what + " is missing; clients report '"
          + (what.equals("blob") ? "blob unknown" : "manifest unknown") + "'");
      case 403 -> findings.problem("missing", r.uri(), "HTTP 403: the " + what + " is missing or not public (S3 answers 403"
          + " for a missing key when listing is private); clients report 'denied' or '"
          + (what.equals("blob") ? "blob unknown" : "manifest unknown") + "'");
      case 401 -> findings.problem("auth", r.uri(), "HTTP 401: the " + what + " needs credentials; anonymous pulls fail");
      default -> findings.problem("http-status", r.uri(), r.method() + " answers " + r.outcome()
          + (r.attempts() > 1 ? " after " + r.attempts() + " attempts" : "") + ": clients fail the pull");
    }
    return false;
  }

  /** Records a Content-Encoding on a manifest or blob: clients hash the bytes they receive. */
  static void noContentEncoding(Findings findings, HttpResult r) {
    r.header("Content-Encoding").filter(e -> !e.isBlank() && !e.equalsIgnoreCase("identity")).ifPresent(e ->
        findings.problem("content-encoding", r.uri(), "served with Content-Encoding: " + e + ": clients that decode it and"
            + " clients that do not see different bytes, and the digest check fails for one of them"));
  }

  /** Records a Docker-Content-Digest header that names other bytes (clients trust it over the body). */
  static void dockerContentDigest(Findings findings, HttpResult r, Digest expected) {
    r.header("Docker-Content-Digest").filter(d -> !d.equals(expected.toString())).ifPresent(d ->
        findings.problem("docker-content-digest", r.uri(), "Docker-Content-Digest is " + d + " but the content is "
            + expected + ": clients reject it (digest mismatch)"));
  }

  /** Records a missing or wrong Content-Length (on a HEAD, compared with the size clients expect). */
  static void contentLength(Findings findings, HttpResult r, long expected) {
    var length = r.contentLength();
    if (length.isEmpty()) {
      findings.problem("content-length", r.uri(), r.method() + " has no Content-Length: clients cannot check the size"
          + " (containerd refuses a manifest of unknown size)");
    } else if (length.getAsLong() != expected) {
      findings.problem("content-length", r.uri(), r.method() + " says Content-Length " + length.getAsLong() + " but the "
          + "content is " + expected + " bytes: clients fail with a size mismatch");
    }
  }
}
