package dev.registrish.publish.report;

import dev.registrish.oci.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link PublishReport} as text for people, JSON for programs, or Markdown for a CI job summary. */
public enum ReportFormat {
  TEXT, JSON, MARKDOWN;

  private static final List<String> DETAILED = List.of("replace", "fix-metadata", "corrupt", "delete", "wait", "extra");
  private static final int MAX_KEYS = 40;

  public String render(PublishReport r) {
    return switch (this) {
      case JSON -> json(r);
      case MARKDOWN -> markdown(r);
      case TEXT -> text(r);
    };
  }

  private static String json(PublishReport r) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(PublishReport r) {
    StringBuilder b = new StringBuilder();
    b.append(r.dryRun() ? "Dry run (nothing written): " : r.notDone().isEmpty() || r.succeeded() ? "Published to "
        : "FAILED to publish to ")
        .append("bucket ").append(r.bucket()).append(r.prefix().isEmpty() ? "" : ", prefix " + r.prefix()).append('\n');
    int width = r.images().stream().mapToInt(i -> name(i).length()).max().orElse(0);
    for (ImageChange i : r.images()) {
      b.append(String.format("  %-" + width + "s  %-9s  %s%n", name(i), i.status(), detail(i)));
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
      if (keys.size() > limit) {
        b.append("  ... and ").append(keys.size() - limit).append(" more (see --output json)\n");
      }
    }
    r.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
    r.failures().forEach(f -> b.append("FAILED: ").append(f).append('\n'));
    if (!r.notDone().isEmpty()) {
      b.append("not done (").append(r.notDone().size()).append("; nothing after a failed phase is written, a rerun sends these):\n");
      r.notDone().stream().limit(MAX_KEYS).forEach(k -> b.append("  ").append(k).append('\n'));
      if (r.notDone().size() > MAX_KEYS) {
        b.append("  ... and ").append(r.notDone().size() - MAX_KEYS).append(" more (see --output json)\n");
      }
    }
    b.append(summary(r)).append('\n');
    return b.toString();
  }

  private static String markdown(PublishReport r) {
    StringBuilder b = new StringBuilder();
    b.append("### registrish publish ").append(r.dryRun() ? "plan (dry run)" : "result").append(": `")
        .append(r.bucket()).append(r.prefix().isEmpty() ? "" : "/" + r.prefix()).append("`\n\n");
    List<ImageChange> changed = r.images().stream().filter(i -> !i.status().equals("unchanged")).toList();
    if (changed.isEmpty()) {
      b.append("No image changes.\n\n");
    } else {
      b.append("| image | status | digest | objects | bytes |\n|---|---|---|---:|---:|\n");
      for (ImageChange i : changed) {
        b.append("| `").append(name(i)).append("` | ").append(i.status()).append(" | ")
            .append(detail(i).replace("→", "&rarr;")).append(" | ").append(i.objects()).append(" | ")
            .append(bytes(i.bytes())).append(" |\n");
      }
      b.append('\n');
    }
    r.notes().forEach(n -> b.append("> ").append(n).append("\n\n"));
    r.failures().forEach(f -> b.append("- **failed**: ").append(f).append('\n'));
    if (!r.notDone().isEmpty()) {
      b.append("\n**").append(r.notDone().size()).append(" writes not done**; a rerun sends them.\n\n");
    }
    b.append(summary(r)).append('\n');
    return b.toString();
  }

  /** {@code repository:tag}, or the repository alone for a mirror's image whose tags are not known. */
  private static String name(ImageChange i) {
    return i.tag() == null ? i.repository() : i.repository() + ":" + i.tag();
  }

  private static String detail(ImageChange i) {
    String pinned = i.upstream() == null ? "" : " (pinned; upstream now " + shortDigest(i.upstream()) + ")";
    return switch (i.status()) {
      case "failed", "deferred" -> (i.message() == null ? i.reason() : i.message())
          + (i.failingRuns() != null && i.failingRuns() > 1 ? " (failing for " + i.failingRuns() + " runs)" : "");
      case "updated" -> (i.from() == null ? "(previous digest unknown)" : shortDigest(i.from())) + " → " + shortDigest(i.to())
          + objects(i) + pinned;
      case "new" -> shortDigest(i.to()) + objects(i) + pinned;
      case "unchanged" -> shortDigest(i.to()) + pinned;
      default -> i.from() == null ? "" : "was " + shortDigest(i.from());
    };
  }

  private static String objects(ImageChange i) {
    return i.objects() == 0 ? "" : " (" + i.objects() + " objects, " + bytes(i.bytes()) + ")";
  }

  private static String shortDigest(String d) {
    return d == null ? "" : d.length() > 19 ? d.substring(0, 19) + "…" : d;
  }

  /** One line with the count of each action taken and the bytes sent. */
  static String summary(PublishReport r) {
    Map<String, Integer> s = r.summary();
    String verb = r.dryRun() ? "to " : "";
    StringBuilder b = new StringBuilder("Summary: ");
    b.append(s.get("upload")).append(' ').append(verb).append("upload, ")
        .append(s.get("copy")).append(' ').append(verb).append("copy, ")
        .append(s.get("replace")).append(' ').append(verb).append("replace, ")
        .append(s.get("fix-metadata")).append(' ').append(verb).append("fix headers, ")
        .append(s.get("delete")).append(' ').append(verb).append("delete, ")
        .append(s.get("unchanged")).append(" unchanged");
    if (s.get("wait") > 0) {
      b.append(", ").append(s.get("wait")).append(" waiting out the grace period");
    }
    if (s.get("extra") > 0) {
      b.append(", ").append(s.get("extra")).append(" not in the tree (kept)");
    }
    if (s.get("corrupt") > 0) {
      b.append(", ").append(s.get("corrupt")).append(" CORRUPT");
    }
    return b.append("; ").append(bytes(r.bytes())).append(r.dryRun() ? " to send" : " sent").toString();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String units = "KMGT";
    int u = -1;
    double v = n;
    while (v >= 1024 && u < units.length() - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %siB", v, units.charAt(u));
  }
}
