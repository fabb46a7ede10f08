package dev.registrish.publish.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.registrish.testing.SampleReports.A;
import static dev.registrish.testing.SampleReports.B;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.testing.SampleReports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report as a CI log, a job summary and a program read it. */
class ReportFormatTest {
  static PublishReport report(List<ImageChange> images, List<PublishReport.Change> changes, List<String> failures) {
    return SampleReports.of(images, changes, failures);
  }

  static PublishReport large(int n, int failures) {
    return SampleReports.large(n, failures);
  }

  static ImageChange unchanged(int i) {
    return new ImageChange("app", "v" + i, "unchanged", null, A, 0, 0);
  }

  static int size(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void text_noOpOfManyTags_isThreeLines() {
    List<ImageChange> images = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      images.add(unchanged(i));
    }
    PublishReport r = report(images, List.of(), List.of());
    List<String> lines = ReportFormat.TEXT.render(r, false).lines().toList();
    assertEquals(List.of("Published to bucket demo", "  2000 images unchanged (-v lists them)",
        "note: bucket not yet marked as published by registrish",
        "Summary: 0 upload, 0 copy, 0 replace, 0 fix headers, 0 delete, 2000 unchanged; 4.0 KiB sent"), lines);
    String verbose = ReportFormat.TEXT.render(r, true);
    assertEquals(2000, verbose.lines().filter(l -> l.contains(" unchanged ")).count(), "-v lists every image");
    assertFalse(verbose.contains("images unchanged"), verbose.lines().limit(3).toList().toString());
  }

  @Test
  void markdown_table_hasOneColumnPerFact() {
    PublishReport r = report(List.of(new ImageChange("app", "v1", "new", null, A, 7, 4000),
        new ImageChange("app", "v2", "updated", B, A, 1, 1), new ImageChange("app", "old", "removed", B, null, 0, 0),
        unchanged(3)), List.of(), List.of());
    String md = ReportFormat.MARKDOWN.render(r, false);
    assertTrue(md.contains("| image | status | digest | sent |\n|---|---|---|---|\n"), md);
    assertTrue(md.contains("| `app:v1` | new | sha256:aaaaaaaaaaaa… | 7 objects, 3.9 KiB |\n"), md);
    assertTrue(md.contains("| `app:v2` | updated | sha256:bbbbbbbbbbbb… &rarr; sha256:aaaaaaaaaaaa… | 1 object, 1 B |\n"), md);
    assertTrue(md.contains("| `app:old` | removed | was sha256:bbbbbbbbbbbb… |  |\n"), md);
    assertTrue(md.contains("\n1 image unchanged.\n"), md);
    assertFalse(md.contains("`app:v3`"), "unchanged images only with -v: " + md);
    assertTrue(ReportFormat.MARKDOWN.render(r, true).contains("| `app:v3` | unchanged | sha256:aaaaaaaaaaaa… |  |"));
  }

  @Test
  void markdown_newTagOnAManifestInTheBucket_saysOnlyTheTagIsSent() {
    PublishReport r = report(List.of(new ImageChange("app", "latest", "new", null, A, 0, 0)), List.of(), List.of());
    String md = ReportFormat.MARKDOWN.render(r, false);
    assertTrue(md.contains("| `app:latest` | new | sha256:aaaaaaaaaaaa… | the tag alone: its manifest is in the bucket already |"),
        md);
    assertFalse(md.contains("0 B |") || md.contains("| 0 |"), md);
  }

  @Test
  void markdown_smallRun_listsEveryKeyInACollapsedSection() {
    String md = ReportFormat.MARKDOWN.render(large(2, 0), false);
    assertTrue(md.contains("<details><summary>Every key this run changed (6)</summary>\n\n"), md);
    assertTrue(md.contains("- upload `v2/team/service-1/manifests/release-1` (1.0 MiB): missing\n"), md);
    assertTrue(md.trim().endsWith("</details>"), md);
    assertFalse(md.contains("left out"), md);
  }

  @Test
  void markdown_largeRun_staysUnderGitHubsLimitAndSaysWhatItLeftOut() {
    PublishReport r = large(30_000, 0);
    String md = ReportFormat.MARKDOWN.render(r, false);
    assertTrue(size(md) < 1 << 20, "bytes: " + size(md));
    assertTrue(md.contains("| `team/service-0:release-0` | new |"), "the table comes before the keys");
    assertTrue(md.contains("more keys, left out to keep this summary within its size limit"), md.substring(md.length() - 2000));
    assertTrue(md.contains("Summary: 90000 upload"), "the summary line is always there");
    assertTrue(md.contains("<details>") && md.trim().endsWith("</details>"));
  }

  @Test
  void markdown_manyFailures_keepsTheSummaryAndTheFirstFailures() {
    String md = ReportFormat.MARKDOWN.render(large(10, 40_000), false);
    assertTrue(size(md) < 1 << 20, "bytes: " + size(md));
    assertTrue(md.contains("- **failed**: v2/team/service-0/blobs/" + A + ": upload failed: 503 SlowDown &lt;Error&gt;\n"), "escaped");
    assertTrue(md.contains("more failures, left out"), "says how many it left out");
    assertTrue(md.contains("Summary: 30 upload"));
  }

  @Test
  void markdown_withLittleRoom_fitsItOrIsEmpty() {
    PublishReport r = large(1000, 0);
    Optional<String> md = ReportFormat.markdown(r, false, 20_000);
    assertTrue(md.isPresent());
    assertTrue(size(md.get()) <= 20_000, "bytes: " + size(md.get()));
    assertTrue(md.get().contains("more images, left out"), md.get());
    assertTrue(ReportFormat.markdown(r, false, 500).isEmpty());
  }

  @Test
  void json_startsWithItsSchemaVersion() throws Exception {
    String json = ReportFormat.JSON.render(large(1, 0), false);
    assertTrue(json.startsWith("{\n  \"schemaVersion\" : 1,"), json);
    assertEquals("demo", Json.MAPPER.readTree(json).get("bucket").asText());
  }

  @Test
  void json_everyFieldIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("docs/reports.md"));
    String section = doc.substring(doc.indexOf("## Reports"), doc.indexOf("## Progress"));
    JsonNode json = Json.MAPPER.readTree(ReportFormat.JSON.render(large(1, 1), false));
    List<String> fields = new ArrayList<>();
    collect(json, fields);
    for (String field : fields) {
      assertTrue(section.contains("`" + field + "`") || section.contains("`" + field + "[]`"),
          "docs/reports.md, Reports, documents `" + field + "`");
    }
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
    if (node.isObject() && !node.has("List")) { // requests: its keys are operation names
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        out.add(name);
        if (!name.equals("summary")) {
          collect(node.get(name), out);
        }
      }
    }
  }

  @Test
  void ofFileName_readsTheExtension() {
    assertEquals(Optional.of(ReportFormat.JSON), ReportFormat.ofFileName("out/report.json"));
    assertEquals(Optional.of(ReportFormat.MARKDOWN), ReportFormat.ofFileName("summary.MD"));
    assertEquals(Optional.of(ReportFormat.TEXT), ReportFormat.ofFileName("run.txt"));
    assertEquals(Optional.empty(), ReportFormat.ofFileName("report.html"));
    assertEquals(".json, .md or .txt", ReportFormat.extensions());
  }
}
