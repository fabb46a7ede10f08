package dev.registrish.publish.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats of a {@link PublishReport}: text for people, JSON for programs, Markdown for a CI job summary. */
public enum ReportFormat {
  TEXT("txt"), JSON("json"), MARKDOWN("md");

  /** The most bytes a Markdown report holds: under GitHub's limit of 1 MiB for a step's summary. */
  public static final int MARKDOWN_LIMIT = (1 << 20) - 1024;

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /** The report in this format; {@code verbose} also lists the images that did not change (text and Markdown). */
  public String render(PublishReport r, boolean verbose) {
    return switch (this) {
      case JSON -> ReportJson.render(r);
      case MARKDOWN -> ReportMarkdown.render(r, verbose, MARKDOWN_LIMIT);
      case TEXT -> ReportText.render(r, verbose);
    };
  }

  /**
   * The report as Markdown in at most {@code maxBytes} of UTF-8, what does not fit left out (and said so);
   * empty when not even its headline and summary fit.
   */
  public static Optional<String> markdown(PublishReport r, boolean verbose, int maxBytes) {
    return Optional.ofNullable(ReportMarkdown.render(r, verbose, maxBytes));
  }

  /** The format a file name's extension asks for ({@code .json}, {@code .md}, {@code .txt}), or empty. */
  public static Optional<ReportFormat> ofFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> lower.endsWith("." + f.extension)).findFirst();
  }

  /** The extensions {@link #ofFileName} knows, for messages: ".json, .md or .txt". */
  public static String extensions() {
    String all = Arrays.stream(values()).map(f -> "." + f.extension).sorted().collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }
}
