package dev.registrish.mirror;

/**
 * Why a mirror gives up on one image for a reason of its own, not an upstream request's: a stable reason code
 * (as {@link dev.registrish.upstream.UpstreamException.Reason} has) and a one-line message naming the source.
 */
abstract class ImageFailure extends Exception {
  private final String reason;

  ImageFailure(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The stable code reports print, e.g. {@code platform-not-found}. */
  String reason() {
    return reason;
  }
}
