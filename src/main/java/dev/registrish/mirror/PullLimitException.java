package dev.registrish.mirror;

/** The registry's pull budget ({@code RateLimit-Remaining}) is spent: the image is left for a later run. */
final class PullLimitException extends ImageFailure {
  /** {@code subject}: the reference, or the image, that needed the downloads. */
  PullLimitException(Object subject, int needed, long remaining) {
    super("pull-limit", subject + ": pull-limit: needs " + needed + " more manifest downloads, the registry's pull "
        + "limit has " + remaining + " left; deferred to a later run");
  }
}
