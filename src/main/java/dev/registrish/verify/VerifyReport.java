package dev.registrish.verify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a verify: every finding (sorted by URL) and what was checked.
 *
 * @param url the registry's base URL
 * @param images images (tags or digests) resolved
 * @param manifests distinct manifest URLs checked (tags and by digest)
 * @param blobs distinct blob URLs checked
 * @param requests HTTP requests sent, retries included
 */
public record VerifyReport(String url, List<Finding> findings, int images, int manifests, int blobs, long requests,
    Duration elapsed) {

  public VerifyReport {
    findings = List.copyOf(findings);
  }

  public List<Finding> problems() {
    return findings.stream().filter(f -> f.severity() == Finding.Severity.PROBLEM).toList();
  }

  public List<Finding> warnings() {
    return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
  }

  /** Whether every client can pull every image; with {@code strict}, warnings count against it too. */
  public boolean passed(boolean strict) {
    return strict ? findings.isEmpty() : problems().isEmpty();
  }

  /** The one-line summary, e.g. {@code 3 images, 7 manifests, 12 blobs checked at URL in 0.4 s: 1 problem, 0 warnings}. */
  public String summary() {
    int p = problems().size();
    int w = warnings().size();
    return images + " image" + plural(images) + ", " + manifests + " manifest" + plural(manifests) + ", " + blobs
        + " blob" + plural(blobs) + " checked at " + url + " in " + String.format(Locale.ROOT, "%.1f s",
        elapsed.toMillis() / 1000.0) + " (" + requests + " requests): " + p + " problem" + plural(p) + ", " + w
        + " warning" + plural(w);
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }
}
