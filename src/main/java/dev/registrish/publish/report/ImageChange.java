package dev.registrish.publish.report;

/**
 * One image (repository:tag) in a report.
 *
 * @param status {@code new}, {@code updated}, {@code unchanged}, {@code removed} or {@code kept} (gone from the tree, no
 *     --delete); a mirror's image also {@code failed} (nothing changed for its tags) or {@code deferred} (left for a
 *     later run by a rate limit)
 * @param from the digest the tag had before (null when new or unknown)
 * @param to the digest it has now (null when removed)
 * @param objects objects this image sends or copies (manifests and blobs it reaches)
 * @param bytes bytes this image sends
 * @param source the upstream repository a mirror reads the image from; null for a publish
 * @param reason why it failed or was deferred, as a stable code ({@code tag-not-found}, {@code digest-mismatch},
 *     {@code rate-limited}, ...), or {@code pin-moved} for a pinned tag whose upstream moved; else null
 * @param message the one-line message of the reason, naming the source reference; else null
 * @param upstream the digest the tag has upstream when it differs from {@code to} (a pinned tag that moved); else null
 * @param failingRuns how many runs in a row the image has failed, this one included; null when it did not fail
 */
public record ImageChange(String repository, String tag, String status, String from, String to, int objects, long bytes,
    String source, String reason, String message, String upstream, Integer failingRuns) {

  /** A change of a publish, which has no upstream. */
  public ImageChange(String repository, String tag, String status, String from, String to, int objects, long bytes) {
    this(repository, tag, status, from, to, objects, bytes, null, null, null, null, null);
  }

  /** This change as a mirror tells it: read from {@code source}, with its {@code reason} and {@code message}. */
  public ImageChange mirrored(String source, String status, String reason, String message, String upstream,
      Integer failingRuns) {
    return new ImageChange(repository, tag, status, from, to, objects, bytes, source, reason, message, upstream,
        failingRuns);
  }
}
