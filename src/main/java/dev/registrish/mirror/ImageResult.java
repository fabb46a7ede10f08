package dev.registrish.mirror;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one image of a mirror run went: {@code ok}, {@code failed} with a stable reason ({@code tag-not-found},
 * {@code upstream-down}, {@code digest-mismatch}, ...), or {@code deferred} by a rate limit ({@code rate-limited},
 * {@code pull-limit}); with a one-line message naming the source.
 *
 * @param content what the image puts in the bucket (empty when it failed before its writes)
 * @param selected the tags the mirror file selects upstream, as far as they are known
 * @param deletesProven whether every tag of its repository that the file no longer selects is proven gone or
 *     unselected, so that {@code --delete} may remove it
 */
public record ImageResult(MirrorImage image, ImageContent content, List<String> selected, String reason, String message,
    boolean deletesProven) {
  private static final Set<String> DEFERRED = Set.of("rate-limited", "pull-limit");

  static ImageResult ok(MirrorImage image, ImageContent content, List<String> selected, boolean deletesProven) {
    return new ImageResult(image, content, List.copyOf(selected), null, null, deletesProven);
  }

  static ImageResult failed(MirrorImage image, List<String> selected, String reason, String message) {
    return new ImageResult(image, new ImageContent(), List.copyOf(selected), reason, message, false);
  }

  /** This image failed while the run wrote it: its content was planned, but nothing of it counts as mirrored. */
  ImageResult failedWriting(String why, String detail) {
    return new ImageResult(image, content, selected, why, detail, false);
  }

  public boolean succeeded() {
    return reason == null;
  }

  /** {@code ok}, {@code failed} or {@code deferred}. */
  public String status() {
    return reason == null ? "ok" : DEFERRED.contains(reason) ? "deferred" : "failed";
  }

  /** The tags mirrored, with the digest each now names. */
  public Map<String, String> tags() {
    return Collections.unmodifiableMap(content.tags);
  }

  /** Index children left out on purpose ({@code platforms:}): digests that are not in the bucket. */
  public Set<String> leftOut() {
    return Collections.unmodifiableSet(content.leftOut);
  }
}
