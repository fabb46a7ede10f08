package dev.registrish.verify;

import dev.registrish.oci.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a report as one JSON document: {@code url}, {@code passed}, counts, {@code summary} and
 * {@code findings} ({@code severity}, {@code check}, {@code url}, {@code message}), the same content as the text.
 */
public final class JsonReport {
  private JsonReport() {}

  public static void write(VerifyReport report, boolean strict, PrintWriter out) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("url", report.url());
    doc.put("passed", report.passed(strict));
    doc.put("images", report.images());
    doc.put("manifests", report.manifests());
    doc.put("blobs", report.blobs());
    doc.put("requests", report.requests());
    doc.put("elapsedMillis", report.elapsed().toMillis());
    doc.put("problems", report.problems().size());
    doc.put("warnings", report.warnings().size());
    doc.put("summary", report.summary());
    List<Map<String, String>> findings = report.findings().stream().map(f -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
      m.put("check", f.check());
      m.put("url", f.url());
      m.put("message", f.message());
      return m;
    }).toList();
    doc.put("findings", findings);
    try {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }
}
