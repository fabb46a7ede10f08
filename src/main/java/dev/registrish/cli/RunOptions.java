package dev.registrish.cli;

import dev.registrish.publish.PublishOptions;
import dev.registrish.publish.report.ReportFormat;
import dev.registrish.publish.state.LockOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a run that writes a bucket, the same for {@code publish} and {@code mirror}. */
final class RunOptions {
  @Mixin
  PrefixOption prefix;

  @Option(names = "--catalog", description = "Also publish v2/_catalog (lists every repository of the bucket).")
  boolean catalog;

  @Option(names = "--dry-run", description = "Print the plan; write nothing.")
  boolean dryRun;

  @Option(names = "--output", paramLabel = "text|json|markdown", defaultValue = "text",
      description = "Report format on stdout (default: text); with json, nothing else goes to stdout.")
  ReportFormat output;

  @Option(names = "--report", paramLabel = "FILE", converter = ReportFile.Converter.class,
      description = "Also write the report to FILE, as its extension says: .json, .md or .txt; repeatable.")
  List<ReportFile> reports = new ArrayList<>();

  @Option(names = "--no-step-summary", description = "Do not add the Markdown report to the GitHub Actions job summary "
      + "(by default it is, when GITHUB_STEP_SUMMARY is set).")
  boolean noStepSummary;

  @Option(names = "--stats", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Progress on stderr: in a CI log or pipe, a line every DURATION and one at the end (default: 10s); "
          + "on a terminal, one line kept up to date; 0: none.")
  Duration stats;

  @Option(names = "--exit-code", description = "With --dry-run: exit 3 when there are changes to make.")
  boolean exitCode;

  @Option(names = "--delete", description = "Delete what the source no longer has (tags at once; manifests and blobs after --grace).")
  boolean delete;

  @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "How long an unreferenced manifest or blob is kept for pulls in flight before --delete removes it (default: 1h; 0 deletes at once).")
  Duration grace;

  @Option(names = "--max-delete", paramLabel = "N", defaultValue = "1000",
      description = "Delete nothing when more than N objects are due for deletion or start their grace period (default: 1000).")
  int maxDelete;

  @Option(names = "--max-delete-share", paramLabel = "PERCENT", defaultValue = "50",
      description = "Refuse a --delete that removes more than this share of the tags in the run's scope (default: 50; scopes of"
          + " fewer than 4 tags are exempt); a --delete that removes every tag is always refused.")
  int maxDeleteShare;

  @Option(names = "--force-delete", description = "With --delete: also delete where a guard refuses to: every tag of the scope, more"
      + " than --max-delete-share of them, repositories another scope owns (a mirror file's, see the marker's owners), and"
      + " (mirror) more than half of a repository's tags.")
  boolean forceDelete;

  @Option(names = "--repair", description = "Check every object's headers and size; fix headers and replace corrupt objects.")
  boolean repair;

  @Mixin
  HeaderOptions headers;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64", description = "Requests in flight at once (default: 64).")
  int concurrency;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "Age, by the store's clock, after which another run's lock is stale and taken over (default: 1h); "
          + "a running publish renews its lock every third of this.")
  Duration lockTimeout;

  @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
      description = "Wait up to this long for another run to finish instead of exiting 4 (default: 0).")
  Duration lockWait;

  @Option(names = "--force-unlock", description = "Take the bucket's lock even if another run holds it.")
  boolean forceUnlock;

  @Option(names = "--no-lock-check", description = "Do not require the store to honour conditional writes "
      + "(only one run ever writes to this bucket at a time; the profile setting \"conditionalWrites\": false says the same).")
  boolean noLockCheck;

  @Option(names = "--verify", description = "After publishing, pull-check every tag from the public URL (see verify).")
  boolean verify;

  @Option(names = "--url", paramLabel = "URL", description = "Public URL for --verify (default: the profile's).")
  String url;

  @Option(names = "--abort-uploads-after", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
      description = "Abort incomplete multipart uploads under the prefix started longer ago than this (default: 24h; 0: every one).")
  Duration abortUploadsAfter;

  @Option(names = {"-q", "--quiet"}, description = "Print only errors (--report files and the step summary are still written).")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Also list the images that did not change, and print the requests made, "
      + "by operation, and the time taken, on stderr.")
  boolean verbose;

  /**
   * The options as the publish engine takes them; {@code repositories} selects repositories of a tree (empty: all),
   * {@code conditionalWrites} is what the profile says of the store.
   */
  PublishOptions publishOptions(List<String> repositories, boolean conditionalWrites) {
    if (concurrency < 1 || concurrency > 256) {
      throw new UserException(ExitCodes.INVALID, "--concurrency must be between 1 and 256");
    }
    if (maxDelete < 0) {
      throw new UserException(ExitCodes.INVALID, "--max-delete must be 0 or more, not " + maxDelete);
    }
    if (maxDeleteShare < 0 || maxDeleteShare > 100) {
      throw new UserException(ExitCodes.INVALID, "--max-delete-share must be a percentage from 0 to 100, not " + maxDeleteShare);
    }
    if (!grace.isZero() && grace.compareTo(headers.tagMaxAge) < 0) {
      throw new UserException(ExitCodes.INVALID, "--grace " + grace.toSeconds() + "s is shorter than --tag-max-age "
          + headers.tagMaxAge.toSeconds() + "s: a client (or CDN) holding the old tag would find its content gone; "
          + "use a longer --grace, or --grace 0 to delete at once knowingly");
    }
    if (lockTimeout.isZero()) {
      throw new UserException(ExitCodes.INVALID, "--lock-timeout must be longer than 0");
    }
    return new PublishOptions(prefix.value(), headers.rules(), catalog, dryRun, delete, repair, concurrency, grace, maxDelete,
        maxDeleteShare, forceDelete, repositories, new LockOptions(lockTimeout, lockWait, forceUnlock, !noLockCheck && conditionalWrites), abortUploadsAfter,
        Instant.now());
  }
}
