package dev.registrish.publish.report;

import java.util.List;

/**
 * A {@link PublishReport} as text for people and CI logs: one line per image that changes (every image when
 * verbose), the keys of every action worth a look, notes, failures and the summary line.
 */
final class ReportText {
  private static final List<String> DETAILED = List.of("replace", "fix-metadata", "corrupt", "delete", "wait", "extra");
  private static final int MAX_KEYS = 40;

  private ReportText() {}

  static String render(PublishReport r, boolean verbose) {
    StringBuilder b = new StringBuilder(ReportWords.headline(r)).append('\n');
    List<ImageChange> shown = r.images().stream().filter(i -> verbose || !i.status().equals("unchanged")).toList();
    int width = shown.stream().mapToInt(i -> ReportWords.name(i).length()).max().orElse(0);
    for (ImageChange i : shown) {
      String sent = ReportWords.sent(i);
      b.append(String.format("  %-" + width + "s  %-9s  %s%s%n", ReportWords.name(i), i.status(),
          ReportWords.digests(i), sent == null ? "" : " (" + sent + ")"));
    }
    long unchanged = r.images().size() - shown.size();
    if (unchanged > 0) {
      b.append("  ").append(ReportWords.unchanged(unchanged)).append(" (-v lists them)\n");
    }
    for (String action : DETAILED) {
      List<PublishReport.Change> keys = r.changes().stream().filter(c -> c.action().equals(action)).toList();
      if (keys.isEmpty()) {
        continue;
      }
      // every deletion is listed (at most --max-delete), and in a dry run every object waiting out its grace
      long limit = action.equals("delete") || (r.dryRun() && action.equals("wait")) ? Long.MAX_VALUE : MAX_KEYS;
      b.append(action).append(" (").append(keys.size()).append("):\n");
      keys.stream().limit(limit).forEach(c -> b.append("  ").append(c.key())
          .append(c.reason() == null ? "" : "  (" + c.reason() + ")").append('\n'));
      more(b, keys.size(), limit);
    }
    r.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
    r.failures().forEach(f -> b.append("FAILED: ").append(f).append('\n'));
    if (!r.notDone().isEmpty()) {
      b.append("not done (").append(r.notDone().size()).append("; nothing after a failed phase is written, a rerun sends these):\n");
      r.notDone().stream().limit(MAX_KEYS).forEach(k -> b.append("  ").append(k).append('\n'));
      more(b, r.notDone().size(), MAX_KEYS);
    }
    return b.append(ReportWords.summary(r)).append('\n').toString();
  }

  private static void more(StringBuilder b, int size, long shown) {
    if (size > shown) {
      b.append("  ... and ").append(size - shown).append(" more (a JSON report, --report FILE.json, lists them all)\n");
    }
  }
}
