package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.Cli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A mistake on the command line: one line naming the option, the value and what it accepts, then a hint to --help. */
class UsageErrorsTest {
  /** Asserts the two lines of a usage error, the first containing each of {@code expected}. */
  static void assertUsageError(Cli.Run run, String command, String... expected) {
    assertEquals(ExitCodes.INVALID, run.exit(), run.toString());
    assertEquals("", run.out(), "nothing on stdout: " + run);
    List<String> lines = run.err().lines().toList();
    assertEquals(2, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("registrish " + command + ": "), run.err());
    for (String e : expected) {
      assertTrue(lines.get(0).contains(e), "'" + e + "' in: " + run.err());
    }
    assertEquals("Try 'registrish " + command + " --help' for more information.", lines.get(1));
  }

  @Test
  void badEnumValue_listsTheValues() {
    assertUsageError(Cli.run("publish", "--output", "xml"), "publish",
        "invalid value 'xml' for --output; expected one of: text, json, markdown");
    assertUsageError(Cli.run("mirror", "--output", "yaml"), "mirror", "--output", "'yaml'", "text, json, markdown");
    assertUsageError(Cli.run("verify", "--output", "yaml"), "verify", "--output", "'yaml'", "text, json");
  }

  @Test
  void badDuration_saysTheForms() {
    assertUsageError(Cli.run("publish", "--grace", "5x"), "publish",
        "invalid value '5x' for --grace; expected a duration: 0, 90s, 30m, 24h or 7d");
    assertUsageError(Cli.run("mirror", "--stats", "often"), "mirror", "--stats", "'often'", "90s");
  }

  @Test
  void badNumber_saysAWholeNumber() {
    assertUsageError(Cli.run("publish", "--concurrency", "many"), "publish", "'many' for --concurrency; expected a whole number");
  }

  @Test
  void reportWithUnknownExtension_namesTheAcceptedOnes() {
    assertUsageError(Cli.run("publish", "--report", "report.html"), "publish",
        "invalid value 'report.html' for --report; expected a file name ending in .json, .md or .txt");
  }

  @Test
  void unknownOption_suggestsTheNearestOne() {
    assertUsageError(Cli.run("publish", "--dry-rn"), "publish", "unknown option: '--dry-rn'", "did you mean --dry-run?");
    assertUsageError(Cli.run("publish", "--buckt", "b", "--profile", "s3"), "publish", "--buckt", "did you mean --bucket?");
  }

  @Test
  void missingRequiredOption_namesIt() {
    assertUsageError(Cli.run("doctor", "--profile", "s3"), "doctor", "missing required option", "--bucket");
  }

  /** Every option of every command that takes a number, a duration, an enum or a report file, given a bad value. */
  @Test
  void everyCommand_badValueOfEachTypedOption_isOneLineAndAHint() {
    List<String> checked = new ArrayList<>();
    for (var e : Main.commandLine().getSubcommands().entrySet()) {
      check(e.getKey(), e.getValue(), checked);
    }
    assertTrue(checked.size() >= 20, "typed options checked: " + checked);
  }

  private static void check(String command, CommandLine cl, List<String> checked) {
    cl.getSubcommands().forEach((name, sub) -> check(command + " " + name, sub, checked));
    for (OptionSpec option : cl.getCommandSpec().options()) {
      Class<?> type = option.auxiliaryTypes()[0];
      boolean typed = type.isEnum() || type == int.class || type == Integer.class || type == long.class
          || type == Duration.class || type == ReportFile.class;
      if (!typed || option.arity().max() == 0) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.addAll(List.of(option.longestName(), "%bad%"));
      assertUsageError(Cli.run(args.toArray(String[]::new)), command, "invalid value '%bad%' for " + option.longestName(),
          "; expected ");
      checked.add(command + " " + option.longestName());
    }
  }
}
