package dev.registrish.verify;

/**
 * One thing verify found at a URL: a problem (a pull fails) or a warning (a pull works, but should not be relied on).
 *
 * @param check a short stable code, e.g. {@code content-type}, {@code missing}, {@code cache-control}
 * @param url the URL a client requests
 * @param message what a client would see, and why
 */
public record Finding(Severity severity, String check, String url, String message) implements Comparable<Finding> {

  /** How bad a finding is. */
  public enum Severity {
    /** A client pull fails or gets other bytes. */
    PROBLEM,
    /** Pulls work, but something is exposed or cached too long. */
    WARNING
  }

  @Override
  public int compareTo(Finding o) {
    int c = url.compareTo(o.url);
    return c != 0 ? c : check.compareTo(o.check);
  }
}
