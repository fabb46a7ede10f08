package dev.registrish.cli;

import dev.registrish.tree.HeaderRules;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --tag-max-age} option: the header rules publish, the host configs, serve and verify share. */
final class HeaderOptions {
  @Option(names = "--tag-max-age", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "Cache-Control max-age of tags and derived documents, the same for publish, gen, serve and verify (default: 60s).")
  Duration tagMaxAge;

  HeaderRules rules() {
    return new HeaderRules(tagMaxAge);
  }
}
