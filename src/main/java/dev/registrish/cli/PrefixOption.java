package dev.registrish.cli;

import dev.registrish.tree.RegistryKey;
import picocli.CommandLine.Option;

/** The {@code --prefix} option of publish, doctor and policy: where in the bucket the registry's keys go. */
final class PrefixOption {
  @Option(names = "--prefix", paramLabel = "KEYPREFIX", defaultValue = "",
      description = "Key prefix in the bucket: keys go under PREFIX/v2/ (no segment may be v2: that is another registry's key space).")
  String prefix;

  /** The prefix, normalised; a prefix overlapping another publisher's keys is a usage error. */
  String value() {
    try {
      return RegistryKey.prefix(prefix);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
  }
}
