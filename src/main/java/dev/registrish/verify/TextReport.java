package dev.registrish.verify;

import java.io.PrintWriter;
import java.util.Locale;

/** Renders a report as text: one line per finding ({@code problem: URL: what a client sees}), then the summary. */
public final class TextReport {
  private TextReport() {}

  public static void write(VerifyReport report, PrintWriter out) {
    for (Finding f : report.findings()) {
      out.println(f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.url() + ": " + f.message() + " [" + f.check() + "]");
    }
    out.println(report.summary());
    out.flush();
  }
}
