package dev.registrish.cli;

import dev.registrish.publish.ContentSource;
import dev.registrish.publish.PublishOptions;
import dev.registrish.publish.Publisher;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.state.ConditionalWritesException;
import dev.registrish.publish.state.LockedException;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.StoreException;
import dev.registrish.verify.TextReport;
import dev.registrish.verify.Verifier;
import dev.registrish.verify.VerifyException;
import dev.registrish.verify.VerifyOptions;
import dev.registrish.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the publish engine for a command and speaks for it: progress, the report (printed and written),
 * {@code --verify}, and the exit code. The same for {@code publish} and {@code mirror}.
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
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    PublishReport result;
    try {
      Progress progress = new Progress(spec.commandLine().getErr(), !run.quiet && System.console() != null);
      result = new Publisher(store, bucket, acl).publish(source, options, progress);
      progress.finish();
    } catch (LockedException e) {
      throw new UserException(ExitCodes.LOCKED, e.getMessage());
    } catch (ConditionalWritesException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    } catch (StoreException e) {
      throw new UserException(ExitCodes.FAILED, e.getMessage());
    }
    if (run.verbose) {
      spec.commandLine().getErr().printf("requests: %s; %.1f s%n", result.requests(), (System.nanoTime() - started) / 1e9);
      spec.commandLine().getErr().flush();
    }
    String rendered = run.output.render(result);
    if (run.report != null) {
      write(rendered);
    }
    if (!run.quiet) {
      out.print(rendered);
      if (footer != null && !run.dryRun) {
        out.println(footer);
      }
    }
    out.flush();
    if (result.refused() != null) {
      throw new UserException(ExitCodes.INVALID, result.refused());
    }
    if (!result.succeeded()) {
      throw new UserException(ExitCodes.FAILED, result.problem());
    }
    if (publicUrl != null && !run.dryRun) {
      verify(publicUrl, toVerify, out);
    }
    return result;
  }

  private void write(String rendered) {
    try {
      Files.writeString(run.report, rendered, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException(ExitCodes.FAILED, "cannot write the report " + run.report + ": " + e.getMessage());
    }
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
