package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.SampleReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job summary of a GitHub Actions step: appended to, within what the step has left of its 1 MiB. */
class StepSummaryTest {
  @TempDir
  Path tmp;

  final StringWriter err = new StringWriter();

  void append(Path file, int images) {
    StepSummary.append(Map.of("GITHUB_STEP_SUMMARY", file.toString()), SampleReports.large(images, 0), false, new PrintWriter(err, true));
  }

  @Test
  void append_afterAnEarlierStepsLines_keepsThem() throws Exception {
    Path file = tmp.resolve("summary.md");
    Files.writeString(file, "## Build\n\nok\n");
    append(file, 2);
    String text = Files.readString(file);
    assertTrue(text.startsWith("## Build\n\nok\n\n### registrish: Published to bucket demo\n"), text);
    assertTrue(text.contains("| `team/service-1:release-1` | new |"), text);
    assertEquals("", err.toString());
  }

  @Test
  void append_nearlyFullSummary_staysUnderOneMiB() throws Exception {
    Path file = tmp.resolve("summary.md");
    Files.writeString(file, "x".repeat((1 << 20) - (40 << 10)) + "\n");
    append(file, 10_000);
    long size = Files.size(file);
    assertTrue(size < 1 << 20, "bytes: " + size);
    String text = Files.readString(file);
    assertTrue(text.contains("### registrish: Published to bucket demo") && text.contains("left out to keep this summary"));
  }

  @Test
  void append_fullSummary_addsNothingAndSaysWhy() throws Exception {
    Path file = tmp.resolve("summary.md");
    Files.writeString(file, "x".repeat(1 << 20));
    append(file, 1);
    assertEquals(1 << 20, Files.size(file));
    assertTrue(err.toString().contains("the step summary " + file + " already holds 1048576 bytes of GitHub's 1 MiB"), err.toString());
  }

  @Test
  void append_withoutTheVariable_writesNothing() {
    StepSummary.append(Map.of("GITHUB_STEP_SUMMARY", ""), SampleReports.large(1, 0), false, new PrintWriter(err, true));
    StepSummary.append(Map.of(), SampleReports.large(1, 0), false, new PrintWriter(err, true));
    assertEquals("", err.toString());
  }
}
