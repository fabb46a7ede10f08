package dev.registrish.cli;

import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.report.ReportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code --report FILE}: where a report goes, in the format its extension names. */
record ReportFile(Path path, ReportFormat format) {

  /** Reads a {@code --report} value; a name without a known extension is a usage error saying which ones are. */
  static final class Converter implements ITypeConverter<ReportFile> {
    @Override
    public ReportFile convert(String value) {
      return ReportFormat.ofFileName(value).map(f -> new ReportFile(Path.of(value), f))
          .orElseThrow(() -> new TypeConversionException("a file name ending in " + ReportFormat.extensions()));
    }
  }

  /** Writes the report, replacing the file. */
  void write(PublishReport report, boolean verbose) {
    try {
      Files.writeString(path, format.render(report, verbose), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException(ExitCodes.FAILED, "cannot write the report " + path + ": " + e.getMessage());
    }
  }
}
