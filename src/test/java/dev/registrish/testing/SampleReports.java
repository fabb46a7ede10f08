package dev.registrish.testing;

import dev.registrish.publish.report.ImageChange;
import dev.registrish.publish.report.PublishReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publish reports built in memory, of any size, for the report formats and the job summary. */
public final class SampleReports {
  public static final String A = "sha256:" + "a".repeat(64);
  public static final String B = "sha256:" + "b".repeat(64);

  private SampleReports() {}

  /** A finished run to bucket {@code demo} with these images, changes and failures, and one note. */
  public static PublishReport of(List<ImageChange> images, List<PublishReport.Change> changes, List<String> failures) {
    Map<String, Integer> summary = new LinkedHashMap<>();
    for (String action : List.of("upload", "copy", "replace", "fix-metadata", "corrupt", "delete", "wait", "extra", "unchanged")) {
      summary.put(action, 0);
    }
    summary.put("upload", changes.size());
    summary.put("unchanged", images.size());
    return new PublishReport("demo", "", false, images, summary, 4096, changes, failures, List.of(),
        List.of("bucket not yet marked as published by registrish"), Map.of("List", 1L), failures.isEmpty() ? null : failures.get(0), null);
  }

  /** A run of {@code n} new images, each with three keys uploaded, and {@code failures} failed keys. */
  public static PublishReport large(int n, int failures) {
    List<ImageChange> images = new ArrayList<>();
    List<PublishReport.Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      images.add(new ImageChange("team/service-" + i, "release-" + i, "new", null, A, 3, 3 << 20));
      for (String part : List.of("blobs/" + A, "blobs/" + B, "manifests/release-" + i)) {
        changes.add(new PublishReport.Change("upload", "v2/team/service-" + i + "/" + part, 1 << 20, "missing"));
      }
    }
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      failed.add("v2/team/service-" + i + "/blobs/" + A + ": upload failed: 503 SlowDown <Error>");
    }
    return of(images, changes, failed);
  }
}
