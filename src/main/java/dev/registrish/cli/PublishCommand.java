package dev.registrish.cli;

import dev.registrish.store.ProfileException;
import dev.registrish.store.StoreException;
import dev.registrish.store.StoreSession;
import dev.registrish.publish.state.ConditionalWritesException;
import dev.registrish.publish.state.LockOptions;
import dev.registrish.publish.state.LockedException;
import dev.registrish.publish.PublishOptions;
import dev.registrish.publish.PublishOutcome;
import dev.registrish.publish.Publisher;
import dev.registrish.publish.report.ReportFormat;
import dev.registrish.tree.TreeScan;
import dev.registrish.verify.TextReport;
import dev.registrish.verify.Verifier;
import dev.registrish.verify.VerifyException;
import dev.registrish.verify.VerifyOptions;
import dev.registrish.verify.VerifyReport;
import java.net.URI;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish publish}: syncs a v2 tree to an S3-compatible bucket. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Publish a v2 tree to an S3-compatible bucket, so that registry clients can pull from it.",
        "Only what changed is sent; every pull keeps working while it runs; nothing is deleted without --delete."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published (or nothing to do)", "1:failed talking to the bucket; see the message and the report",
        "2:invalid options, profile or tree, or a store that ignores conditional writes; nothing was written",
        "3:with --exit-code: a dry run found changes", "4:another publish holds the bucket's lock (after --lock-wait)"})
public final class PublishCommand implements Callable<Integer> {
  @Mixin
  StoreOptions storeOptions;

  @Option(names = "--tree", paramLabel = "DIR", defaultValue = ".", description = "Folder that holds v2/ (default: the current folder).")
  Path tree;

  @Option(names = "--prefix", paramLabel = "KEYPREFIX", defaultValue = "", description = "Key prefix in the bucket (keys go under PREFIX/v2/).")
  String prefix;

  @Option(names = "--catalog", description = "Also publish v2/_catalog (lists every repository of the bucket).")
  boolean catalog;

  @Option(names = "--dry-run", description = "Print the plan; write nothing.")
  boolean dryRun;

  @Option(names = "--output", paramLabel = "text|json|markdown", defaultValue = "text", description = "Report format (default: text).")
  ReportFormat output;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the report to FILE.")
  Path report;

  @Option(names = "--exit-code", description = "With --dry-run: exit 3 when there are changes to make.")
  boolean exitCode;

  @Option(names = "--delete", description = "Delete what the tree no longer has (tags at once; manifests and blobs after --grace).")
  boolean delete;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "How long an unreferenced manifest or blob is kept for pulls in flight before --delete removes it (default: 1h; 0 deletes at once).")
  Duration grace;

  @Option(names = "--max-delete", paramLabel = "N", defaultValue = "1000", description = "Delete nothing when more than N deletions are due (default: 1000).")
  int maxDelete;

  @Option(names = "--repair", description = "Check every object's headers and size; fix headers and replace corrupt objects.")
  boolean repair;

  @Option(names = "--repository", paramLabel = "GLOB", description = "Only publish (and with --delete, only delete in) matching repositories; repeatable.")
  List<String> repositories = new ArrayList<>();

  @Mixin
  HeaderOptions headers;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "Requests in flight at once (default: 16).")
  int concurrency;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "Age, by the store's clock, after which another publish's lock is stale and taken over (default: 1h); "
          + "a running publish renews its lock every third of this.")
  Duration lockTimeout;

  @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
      description = "Wait up to this long for another publish to finish instead of exiting 4 (default: 0).")
  Duration lockWait;

  @Option(names = "--force-unlock", description = "Take the bucket's lock even if another publish holds it.")
  boolean forceUnlock;

  @Option(names = "--no-lock-check", description = "Do not require the store to honour conditional writes "
      + "(only one publish ever runs at a time on this bucket; the profile setting \"conditionalWrites\": false says the same).")
  boolean noLockCheck;

  @Option(names = "--verify", description = "After publishing, pull-check every tag from the public URL (see verify).")
  boolean verify;

  @Option(names = "--url", paramLabel = "URL", description = "Public URL for --verify (default: the profile's).")
  String url;

  @Option(names = "--abort-uploads-after", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
      description = "Abort incomplete multipart uploads under the prefix started longer ago than this (default: 24h; 0: every one).")
  Duration abortUploadsAfter;

  @Option(names = {"-q", "--quiet"}, description = "Print only errors (the --report file is still written).")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Also print the requests made, by operation, and the time taken, on stderr.")
  boolean verbose;

  @Spec
  CommandSpec spec;

  private String publicUrl(StoreSession session) {
    if (url != null) {
      return url;
    }
    try {
      return session.publicUrl();
    } catch (ProfileException e) {
      throw new UserException(ExitCodes.INVALID, "--verify needs the public URL: " + e.getMessage());
    }
  }

  /** Opens the bucket; when that fails and the tree is invalid too, the tree's problem is the one reported. */
  private StoreSession open(TreeScan scan) throws Exception {
    try {
      return storeOptions.open(concurrency, System.getenv());
    } catch (Exception e) {
      scan.get();
      throw e;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (concurrency < 1 || concurrency > 256) {
      throw new UserException(ExitCodes.INVALID, "--concurrency must be between 1 and 256");
    }
    TreeScan scan = TreeScan.start(tree); // scanned while the bucket is opened and listed
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    try (StoreSession session = open(scan)) {
      String publicUrl = verify && !dryRun ? publicUrl(session) : null;
      PublishOptions options = new PublishOptions(PublishOptions.normalisePrefix(prefix), headers.rules(), catalog,
          dryRun, delete, repair, concurrency, grace, maxDelete, repositories,
          new LockOptions(lockTimeout, lockWait, forceUnlock, !noLockCheck && session.endpoint().profile().template().conditionalWrites),
          abortUploadsAfter, Instant.now());
      Progress progress = new Progress(spec.commandLine().getErr(), !quiet && System.console() != null);
      PublishOutcome outcome = new Publisher(session.store(), storeOptions.bucket, session.endpoint().acl())
          .publish(scan, options, progress);
      progress.finish();
      if (verbose) {
        spec.commandLine().getErr().printf("requests: %s; %.1f s%n", outcome.report().requests(),
            (System.nanoTime() - started) / 1e9);
        spec.commandLine().getErr().flush();
      }
      String rendered = output.render(outcome.report());
      if (report != null) {
        Files.writeString(report, rendered, StandardCharsets.UTF_8);
      }
      if (!quiet) {
        out.print(rendered);
        if (session.embedded() != null && !dryRun) {
          out.println("Stored in " + session.embedded().dataDir() + ". To pull from it: registrish serve --profile local --bucket "
              + storeOptions.bucket + " --port 5000, then e.g. skopeo copy --src-tls-verify=false docker://localhost:5000/REPO:TAG oci:out");
        }
      }
      out.flush();
      if (!outcome.succeeded()) {
        throw new UserException(ExitCodes.FAILED, outcome.problem());
      }
      if (publicUrl != null) {
        VerifyReport checked = Verifier.verify(VerifyOptions.of(URI.create(publicUrl)).withTree(scan.get()).withRules(headers.rules()));
        if (!quiet || !checked.passed(false)) {
          TextReport.write(checked, out);
          out.flush();
        }
        if (!checked.passed(false)) {
          throw new UserException(ExitCodes.FAILED, "published, but verify found problems at " + publicUrl);
        }
      }
      return exitCode && dryRun && outcome.report().hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    } catch (VerifyException e) {
      throw new UserException(ExitCodes.FAILED, "published, but verify could not run: " + e.getMessage());
    } catch (LockedException e) {
      throw new UserException(ExitCodes.LOCKED, e.getMessage());
    } catch (ConditionalWritesException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());

    } catch (StoreException e) {
      throw new UserException(ExitCodes.FAILED, e.getMessage());
    }
  }
}
