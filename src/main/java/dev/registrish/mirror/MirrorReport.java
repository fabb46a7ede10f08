package dev.registrish.mirror;

import dev.registrish.publish.report.ImageChange;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.tree.RegistryKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A publish report as a mirror tells it: every row names its upstream source, and the tags of an image that failed
 * or was deferred carry that status with its stable reason and message (and, when failed, how many runs in a row).
 * Write failures that all belong to such images are the images' failures, not the run's.
 */
final class MirrorReport {
  private MirrorReport() {}

  static PublishReport of(PublishReport report, List<ImageResult> results, Map<String, Integer> failingBefore,
      BucketContents bucket) {
    Map<String, ImageResult> byTarget = new HashMap<>();
    results.forEach(r -> byTarget.put(r.image().target(), r));
    List<ImageChange> images = new ArrayList<>();
    Set<String> shown = new LinkedHashSet<>();
    for (ImageChange row : report.images()) {
      ImageResult r = byTarget.get(row.repository());
      images.add(r == null ? row : row(row, r, failingBefore, bucket));
      shown.add(row.repository());
    }
    for (ImageResult r : results) {
      if (!r.succeeded() && !shown.contains(r.image().target())) {
        for (String tag : tags(r, bucket)) {
          images.add(row(new ImageChange(r.image().target(), tag, r.status(), null, null, 0, 0), r, failingBefore, bucket));
        }
      }
    }
    List<String> notes = new ArrayList<>(report.notes());
    String problem = report.problem();
    if (problem != null && !report.failures().isEmpty() && accounted(report.failures(), byTarget)) {
      problem = null;
      if (report.notDone().size() > report.failures().size()) {
        notes.add("what depends on a failed image's writes, and every delete, waits for a run without failures");
      }
    }
    return report.withImages(images, notes, problem);
  }

  /** A row of {@code r}'s image; a failed or deferred one keeps the digest its tag had (none when it had none). */
  private static ImageChange row(ImageChange row, ImageResult r, Map<String, Integer> failingBefore,
      BucketContents bucket) {
    String source = r.image().name();
    if (r.succeeded()) {
      return row.mirrored(source, row.status(), r.content().moved.containsKey(row.tag()) ? "pin-moved" : null, null,
          r.content().moved.get(row.tag()), null);
    }
    Integer failing = Failures.runs(r, failingBefore);
    String now = row.tag() == null ? null : bucket.marker().tags.get(row.repository() + ":" + row.tag());
    return new ImageChange(row.repository(), row.tag(), r.status(), null, now, 0, 0)
        .mirrored(source, r.status(), r.reason(), r.message(), null, failing);
  }

  /** The tags a failed image's rows name: those it selects, else those the bucket holds, else none known (null). */
  private static List<String> tags(ImageResult r, BucketContents bucket) {
    Set<String> tags = new LinkedHashSet<>(r.selected());
    if (tags.isEmpty()) {
      tags.addAll(bucket.tags(r.image().target()));
    }
    List<String> out = new ArrayList<>(tags);
    if (out.isEmpty()) {
      out.add(null);
    }
    return out;
  }

  /** Whether every failed write ({@code key: action failed: ...}) is in the repository of an image that failed. */
  private static boolean accounted(List<String> failures, Map<String, ImageResult> byTarget) {
    for (String f : failures) {
      int colon = f.indexOf(": ");
      RegistryKey key = colon < 0 ? null : RegistryKey.parse(f.substring(0, colon));
      ImageResult r = key == null || key.repository() == null ? null : byTarget.get(key.repository());
      if (r == null || r.succeeded()) {
        return false;
      }
    }
    return true;
  }
}
