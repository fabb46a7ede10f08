package dev.registrish.publish.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PublishReport} as Markdown for a CI job summary, within a size limit (GitHub takes at most 1 MiB a step):
 * a table of the images that change, notes, failures, the summary line, and every key in a collapsed section.
 * What does not fit is left out, failures last and keys first, each list saying how many it leaves out.
 *
 * @see <a href="https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary">
 *     GitHub job summaries</a>
 */
final class ReportMarkdown {
  /** Room kept for the lines that say what was left out, and the blank lines between blocks. */
  private static final int CUT_LINES = 1024;

  private ReportMarkdown() {}

  /** The report in at most {@code maxBytes} of UTF-8, or null when not even its headline and summary fit. */
  static String render(PublishReport r, boolean verbose, int maxBytes) {
    List<ImageChange> shown = r.images().stream().filter(i -> verbose || !i.status().equals("unchanged")).toList();
    long unchanged = r.images().size() - shown.size();
    String head = "### registrish: " + escape(ReportWords.headline(r)) + "\n";
    String tableHead = "| image | status | digest | " + (r.dryRun() ? "to send" : "sent") + " |\n|---|---|---|---|\n";
    String unchangedLine = unchanged > 0 ? ReportWords.unchanged(unchanged) + ".\n" : r.images().isEmpty() ? "No images.\n" : "";
    String notDone = r.notDone().isEmpty() ? "" : "**" + r.notDone().size() + " writes not done**; a rerun sends them.\n";
    String summary = ReportWords.summary(r) + "\n";
    String keysHead = "<details><summary>Every key this run " + (r.dryRun() ? "would change" : "changed") + " ("
        + r.changes().size() + ")</summary>\n\n";
    String keysTail = "\n</details>\n";
    int fixed = size(head + tableHead + unchangedLine + notDone + summary + keysHead + keysTail);
    if (fixed + CUT_LINES > maxBytes) {
      return null;
    }
    Budget budget = new Budget(maxBytes - fixed - CUT_LINES);
    List<String> failures = budget.take(r.failures().stream().map(f -> "- **failed**: " + escape(f) + "\n").toList());
    List<String> notes = budget.take(r.notes().stream().map(n -> "> " + escape(n) + "\n>\n").toList());
    List<String> rows = budget.take(shown.stream().map(ReportMarkdown::row).toList());
    List<String> keys = budget.take(r.changes().stream().map(ReportMarkdown::key).toList());

    List<String> blocks = new ArrayList<>(List.of(head));
    blocks.add(rows.isEmpty() ? "" : tableHead + String.join("", rows));
    blocks.add(more(shown.size() - rows.size(), "images"));
    blocks.add(unchangedLine);
    blocks.add(String.join("", notes) + more(r.notes().size() - notes.size(), "notes"));
    blocks.add(String.join("", failures) + more(r.failures().size() - failures.size(), "failures"));
    blocks.add(notDone);
    blocks.add(summary);
    if (!r.changes().isEmpty()) {
      blocks.add(keysHead + String.join("", keys) + more(r.changes().size() - keys.size(), "keys") + keysTail);
    }
    blocks.removeIf(String::isEmpty);
    return String.join("\n", blocks);
  }

  private static String row(ImageChange i) {
    String sent = ReportWords.sent(i);
    return "| `" + ReportWords.name(i) + "` | " + i.status() + " | " + ReportWords.digests(i).replace("→", "&rarr;")
        + " | " + (sent == null ? "" : sent) + " |\n";
  }

  private static String key(PublishReport.Change c) {
    return "- " + c.action() + " `" + c.key() + "`" + (c.bytes() > 0 ? " (" + ReportWords.bytes(c.bytes()) + ")" : "")
        + (c.reason() == null ? "" : ": " + escape(c.reason())) + "\n";
  }

  /** The line saying that {@code n} {@code what} were left out to stay within the limit; empty when none were. */
  private static String more(int n, String what) {
    return n == 0 ? "" : "\n_… and " + n + " more " + what + ", left out to keep this summary within its size limit;"
        + " a JSON report (`--report FILE.json`) lists them all._\n";
  }

  /** Free text (messages, reasons) that Markdown and HTML must not read as markup. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
  }

  private static int size(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Bytes left for the parts that may be cut. */
  private static final class Budget {
    private long left;

    Budget(long bytes) {
      this.left = bytes;
    }

    /** The first items that fit, in order; each one taken uses its size. */
    List<String> take(List<String> items) {
      List<String> taken = new ArrayList<>();
      for (String item : items) {
        int n = size(item);
        if (n > left) {
          break;
        }
        left -= n;
        taken.add(item);
      }
      return taken;
    }
  }
}
