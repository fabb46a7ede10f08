package dev.registrish.upstream;

import java.io.IOException;

/**
 * Why a request to an upstream registry failed, as a stable {@link Reason} and a one-line message
 * that names the reference, e.g. {@code docker.io/library/alpine:3.20: tag-not-found: ...}.
 * It never carries a credential.
 */
public final class UpstreamException extends IOException {
  /** The stable reason codes callers branch on and reports print. */
  public enum Reason {
    /** The registry answered 404 for a manifest (tag or digest). */
    TAG_NOT_FOUND("tag-not-found"),
    /** The registry answered 404 for a blob. */
    BLOB_NOT_FOUND("blob-not-found"),
    /** 401 or 403 after authenticating (or no credentials where some are needed). */
    UNAUTHORIZED("unauthorized"),
    /** Connection refused or reset, timeouts, 5xx: after the bounded retries. */
    UPSTREAM_DOWN("upstream-down"),
    /** Bytes whose digest or size is not the one expected. */
    DIGEST_MISMATCH("digest-mismatch"),
    /** A manifest of a type registrish does not mirror (schema1, or not a manifest at all). */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    /** A manifest larger than registries accept. */
    MANIFEST_TOO_LARGE("manifest-too-large"),
    /** 429 with a Retry-After too long to wait for, or a second 429. */
    RATE_LIMITED("rate-limited"),
    /** A reference that is not {@code SOURCE[:TAG|@DIGEST]}. */
    INVALID_REFERENCE("invalid-reference"),
    /** Plain HTTP to a host that is neither loopback nor marked insecure; refused before connecting. */
    INSECURE("insecure"),
    /** Credentials could not be read (an unreadable auth file, a failing credential helper). */
    CREDENTIALS("credentials"),
    /** An answer the protocol does not allow (unexpected status, malformed JSON, too many redirects). */
    BAD_RESPONSE("bad-response");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The code as reports print it, e.g. {@code tag-not-found}. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  /** A failure about {@code subject} (a reference or a file), with a detail that holds no secret. */
  public UpstreamException(Reason reason, Object subject, String detail) {
    super(subject + ": " + reason.code() + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
