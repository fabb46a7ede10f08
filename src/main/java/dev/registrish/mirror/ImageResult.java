package dev.registrish.mirror;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * How one image of a mirror run went: {@code ok}, or failed with a stable reason ({@code tag-not-found},
 * {@code upstream-down}, {@code digest-mismatch}, {@code deferred}, ...) and a one-line message naming the source.
 *
 * @param content what the image puts in the bucket (empty when it failed)
 * @param deletesProven whether every tag of its repository that the file no longer selects is proven gone or
 *     unselected, so that {@code --delete} may remove it
 */
public record ImageResult(MirrorImage image, ImageContent content, String reason, String message, boolean deletesProven) {
  static ImageResult ok(MirrorImage image, ImageContent content, boolean deletesProven) {
    return new ImageResult(image, content, null, null, deletesProven);
  }

  static ImageResult failed(MirrorImage image, String reason, String message) {
    return new ImageResult(image, new ImageContent(), reason, message, false);
  }

  public boolean succeeded() {
    return reason == null;
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
