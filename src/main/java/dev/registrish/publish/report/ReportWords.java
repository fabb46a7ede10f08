package dev.registrish.publish.report;

import java.util.Locale;
import java.util.Map;

/** The phrases every report format shares: what the run was, each image's change, the summary line, sizes. */
public final class ReportWords {
  private ReportWords() {}

  /** What the run was: "Published to bucket b, prefix p", "Dry run (nothing written): bucket b", "FAILED to publish to ...". */
  static String headline(PublishReport r) {
    return (r.dryRun() ? "Dry run (nothing written): " : r.notDone().isEmpty() || r.succeeded() ? "Published to "
        : "FAILED to publish to ")
        + "bucket " + r.bucket() + (r.prefix().isEmpty() ? "" : ", prefix " + r.prefix());
  }

  /** {@code repository:tag}, or the repository alone for a mirror's image whose tags are not known. */
  static String name(ImageChange i) {
    return i.tag() == null ? i.repository() : i.repository() + ":" + i.tag();
  }

  /**
   * The image's digests: {@code from → to} when updated, {@code to} when new or unchanged, {@code was from} when gone;
   * for a mirror's failed or deferred image, why (and for how many runs); a pinned tag says where upstream is now.
   */
  static String digests(ImageChange i) {
    String pinned = i.upstream() == null ? "" : " (pinned; upstream now " + shortDigest(i.upstream()) + ")";
    return switch (i.status()) {
      case "failed", "deferred" -> (i.message() == null ? i.reason() : i.message())
          + (i.failingRuns() != null && i.failingRuns() > 1 ? " (failing for " + i.failingRuns() + " runs)" : "");
      case "updated" -> (i.from() == null ? "(previous digest unknown)" : shortDigest(i.from())) + " → " + shortDigest(i.to())
          + pinned;
      case "new", "unchanged" -> shortDigest(i.to()) + pinned;
      default -> i.from() == null ? "" : "was " + shortDigest(i.from());
    };
  }

  /** What a new or updated image sends besides its tag ("7 objects, 3.9 KiB", or that nothing else is needed); else null. */
  static String sent(ImageChange i) {
    if (!i.status().equals("new") && !i.status().equals("updated")) {
      return null;
    }
    return i.objects() == 0 ? "the tag alone: its manifest is in the bucket already"
        : i.objects() + (i.objects() == 1 ? " object, " : " objects, ") + bytes(i.bytes());
  }

  /** How many images did not change: "1 image unchanged", "2000 images unchanged". */
  static String unchanged(long n) {
    return n + (n == 1 ? " image" : " images") + " unchanged";
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

  /** A size for people: {@code 512 B}, {@code 3.9 KiB}, {@code 1.2 GiB}. */
  public static String bytes(long n) {
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
