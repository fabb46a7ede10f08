package dev.registrish.cli;

import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Appends a run's Markdown report to the job summary of a GitHub Actions step (the file {@code GITHUB_STEP_SUMMARY}
 * names), within what the step's summary has left of its 1 MiB.
 *
 * @see <a href="https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary">
 *     GitHub job summaries</a>
 */
final class StepSummary {
  /** The most GitHub takes for one step's summary. */
  static final int LIMIT = 1 << 20;

  private StepSummary() {}

  /** Appends {@code report} when {@code env} names a step summary; a problem is told on {@code err}, and the run goes on. */
  static void append(Map<String, String> env, PublishReport report, boolean verbose, PrintWriter err) {
    String name = env.get("GITHUB_STEP_SUMMARY");
    if (name == null || name.isBlank()) {
      return;
    }
    Path file = Path.of(name);
    try {
      long used = Files.exists(file) ? Files.size(file) : 0;
      int room = (int) Math.max(0, Math.min(ReportFormat.MARKDOWN_LIMIT, LIMIT - 1024 - used));
      Optional<String> markdown = ReportFormat.markdown(report, verbose, room);
      if (markdown.isEmpty()) {
        err.println("registrish: the step summary " + file + " already holds " + used
            + " bytes of GitHub's 1 MiB; this run's summary is not added");
        return;
      }
      Files.writeString(file, (used > 0 ? "\n" : "") + markdown.get(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      err.println("registrish: cannot add to the step summary " + file + ": " + e.getMessage());
    }
  }
}
