package dev.registrish.cli;

import dev.registrish.doctor.Check;
import dev.registrish.doctor.Doctor;
import dev.registrish.store.ProfileException;
import dev.registrish.store.StoreSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish doctor}: pre-flight checks of a profile and bucket, each failure with its fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check that a bucket is ready for publishing and pulling: credentials, endpoint, bucket, "
        + "list/put/delete (with a probe object it removes), anonymous reads through the public URL, "
        + "anonymous listing off, conditional writes honoured (the bucket lock needs them), with --max-age the time "
        + "of the last successful publish, and a lifecycle rule for incomplete uploads."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every check passed (warnings allowed)", "1:a check failed",
        "2:invalid options or profile"})
public final class DoctorCommand implements Callable<Integer> {
  @Mixin
  StoreOptions storeOptions;

  @Mixin
  PrefixOption prefix;

  @Option(names = "--url", paramLabel = "URL", description = "Public URL clients pull from (default: the profile's).")
  String url;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Fail when the last successful publish (recorded in the marker, by the store's clock) is older than this.")
  Duration maxAge;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String keyPrefix = prefix.value();
    try (StoreSession session = storeOptions.open(4, System.getenv())) {
      String publicUrl = url;
      if (publicUrl == null) {
        try {
          publicUrl = session.publicUrl();
        } catch (ProfileException e) {
          out.println("note: " + e.getMessage());
        }
      }
      List<Check> checks = new Doctor(session, keyPrefix, publicUrl, maxAge).run();
      for (Check c : checks) {
        out.printf("%-5s %-17s %s%n", c.status(), c.name(), c.detail());
        if (c.fix() != null && (c.status() == Check.Status.FAIL || c.status() == Check.Status.WARN)) {
          out.println("      fix: " + c.fix());
        }
      }
      out.flush();
      return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL) ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }
}
