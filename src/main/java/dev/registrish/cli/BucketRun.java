package dev.registrish.cli;

import dev.registrish.publish.ContentSource;
import dev.registrish.publish.PublishOptions;
import dev.registrish.publish.Publisher;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.report.ReportFormat;
import dev.registrish.publish.state.ConditionalWritesException;
import dev.registrish.publish.state.LockedException;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.StoreException;
import dev.registrish.verify.TextReport;
import dev.registrish.verify.Verifier;
import dev.registrish.verify.VerifyException;
import dev.registrish.verify.VerifyOptions;
import dev.registrish.verify.VerifyReport;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the publish engine for a command and speaks for it: progress, the report (printed, written to each
 * {@code --report} file and to the CI job summary), {@code --verify}, and the exit code. The same for {@code publish}
 * and {@code mirror}.
 */
final class BucketRun {
  /** Chooses what {@code --verify} checks after the run: a tree's tags, or the images a mirror wrote. */
  @FunctionalInterface
  interface VerifyScope {
    VerifyOptions apply(VerifyOptions defaults) throws Exception;
  }

  private final CommandSpec spec;
  private final RunOptions run;

  BucketRun(CommandSpec spec, RunOptions run) {
    this.spec = spec;
    this.run = run;
  }

  /**
   * Publishes {@code source} to {@code store}; {@code publicUrl} (null: no --verify) is checked after, with the
   * images {@code toVerify} chooses. Returns the report; throws a {@link UserException} with the run's problem.
   */
  PublishReport publish(ObjectStore store, String bucket, String acl, ContentSource source, PublishOptions options,
      String publicUrl, VerifyScope toVerify, String footer) throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // with --output json, stdout holds the report and nothing else: the footer and verify's findings go to stderr
    PrintWriter others = run.output == ReportFormat.JSON ? err : stdout;
    Map<String, String> env = System.getenv();
    long started = System.nanoTime();
    PublishReport result;
    try (Progress progress = Progress.of(err, run.quiet, run.stats, env)) {
      result = new Publisher(store, bucket, acl).publish(source, options, progress);
    } catch (LockedException e) {
      throw new UserException(ExitCodes.LOCKED, e.getMessage());
    } catch (ConditionalWritesException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    } catch (StoreException e) {
      throw new UserException(ExitCodes.FAILED, e.getMessage());
    }
    if (run.verbose) {
      err.printf("requests: %s; %.1f s%n", result.requests(), (System.nanoTime() - started) / 1e9);
      err.flush();
    }
    run.reports.forEach(r -> r.write(result, run.verbose));
    if (!run.noStepSummary) {
      StepSummary.append(env, result, run.verbose, err);
    }
    if (!run.quiet) {
      stdout.print(run.output.render(result, run.verbose));
      stdout.flush();
      if (footer != null && !run.dryRun) {
        others.println(footer);
      }
    }
    others.flush();
    if (result.refused() != null) {
      throw new UserException(ExitCodes.INVALID, result.refused());
    }
    if (!result.succeeded()) {
      throw new UserException(ExitCodes.FAILED, result.problem());
    }
    if (publicUrl != null && !run.dryRun) {
      verify(publicUrl, toVerify, others);
    }
    return result;
  }

  private void verify(String publicUrl, VerifyScope toVerify, PrintWriter out) throws Exception {
    try {
      VerifyReport checked = Verifier.verify(toVerify.apply(VerifyOptions.of(URI.create(publicUrl)).withRules(run.headers.rules())));
      if (!run.quiet || !checked.passed(false)) {
        TextReport.write(checked, out);
        out.flush();
      }
      if (!checked.passed(false)) {
        throw new UserException(ExitCodes.FAILED, "published, but verify found problems at " + publicUrl);
      }
    } catch (VerifyException e) {
      throw new UserException(ExitCodes.FAILED, "published, but verify could not run: " + e.getMessage());
    }
  }

  /** The exit code of a run that succeeded: 3 for a dry run with changes under --exit-code, else 0. */
  int exitCode(PublishReport result) {
    return run.exitCode && run.dryRun && result.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
