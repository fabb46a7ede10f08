package dev.registrish.cli;

import dev.registrish.publish.PublishOptions;
import dev.registrish.publish.RepositoryFilter;
import dev.registrish.publish.TreeSource;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.store.StoreSession;
import dev.registrish.tree.TreeScan;
import java.nio.file.Path;
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

  @Option(names = "--repository", paramLabel = "GLOB", description = "Only publish (and with --delete, only delete in) matching repositories; repeatable.")
  List<String> repositories = new ArrayList<>();

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  /** Opens the bucket; when that fails and the tree is invalid too, the tree's problem is the one reported. */
  private StoreSession open(TreeScan scan) throws Exception {
    try {
      return storeOptions.open(run.concurrency, System.getenv());
    } catch (Exception e) {
      scan.get();
      throw e;
    }
  }

  @Override
  public Integer call() throws Exception {
    TreeScan scan = TreeScan.start(tree); // scanned while the bucket is opened and listed
    try (StoreSession session = open(scan)) {
      PublishOptions options = run.publishOptions(repositories, session.endpoint().profile().template().conditionalWrites);
      String publicUrl = run.verify && !run.dryRun ? storeOptions.publicUrl(session, run.url) : null;
      TreeSource source = new TreeSource(scan, new RepositoryFilter(repositories), options.rules());
      BucketRun bucketRun = new BucketRun(spec, run);
      PublishReport result;
      try {
        result = bucketRun.publish(session.store(), storeOptions.bucket, session.endpoint().acl(), source, options, publicUrl,
            v -> v.withTree(source.selected()), storeOptions.footer(session));
      } catch (UserException e) {
        source.awaitScan();
        throw e;
      }
      return bucketRun.exitCode(result);
    }
  }
}
