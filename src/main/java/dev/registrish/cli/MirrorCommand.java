package dev.registrish.cli;

import dev.registrish.mirror.DeleteGuardException;
import dev.registrish.mirror.ImageResult;
import dev.registrish.mirror.MirrorConfig;
import dev.registrish.mirror.MirrorFile;
import dev.registrish.mirror.MirrorFileException;
import dev.registrish.mirror.MirrorOptions;
import dev.registrish.mirror.MirrorSource;
import dev.registrish.mirror.Upstreams;
import dev.registrish.publish.PublishOptions;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.store.DirectoryStore;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.StoreSession;
import dev.registrish.tree.ImageReference;
import dev.registrish.upstream.UpstreamClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish mirror}: keeps a bucket or a tree in step with upstream registries, downloading only what is new. */
@Command(name = "mirror", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Mirror images from upstream registries into a bucket or a tree, as a mirror file (--config) or one image "
        + "(--image) says.", "Each tag is resolved with one HEAD request; only what the destination lacks is downloaded, "
        + "streamed and checked against its digest on the way. The same engine as publish: lock, phased writes, reports, "
        + "--delete with a grace period."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:mirrored (or nothing to do)", "1:failed talking to the bucket or tree, or no image could be mirrored; "
        + "see the message", "2:invalid options or mirror file, or --delete refused by its guard; nothing was written",
        "3:with --exit-code: a dry run found changes", "4:another run holds the lock",
        "5:some images failed or were deferred (each with its reason in the report); the others were mirrored"})
public final class MirrorCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1", heading = "What to mirror:%n")
  What what;

  /** A mirror file, or one image. */
  static final class What {
    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The mirror file (YAML).")
    Path config;

    @ArgGroup(exclusive = false)
    OneImage image;
  }

  /** {@code --image SOURCE[:TAG|@DIGEST] [--target REPO]}. */
  static final class OneImage {
    @Option(names = "--image", paramLabel = "SOURCE[:TAG|@DIGEST]", required = true,
        description = "One upstream image, e.g. docker.io/library/alpine:3.20.")
    String source;

    @Option(names = "--target", paramLabel = "REPO", description = "Repository to mirror it into (default: its upstream path).")
    String target;

    @Option(names = "--insecure", description = "Allow plain HTTP to its registry (loopback registries always may).")
    boolean insecure;
  }

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Where to:%n")
  Destination destination;

  /** A bucket, or a local tree. */
  static final class Destination {
    @ArgGroup(exclusive = false)
    StoreOptions bucket;

    @Option(names = "--tree", paramLabel = "DIR", required = true, description = "Mirror into the tree in DIR (the folder holding v2/).")
    Path tree;
  }

  @Mixin
  RunOptions run;

  @Option(names = "--take-over", description = "Mirror into repositories another mirror file owns (the marker's owners); "
      + "this file owns them from then on.")
  boolean takeOver;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    MirrorConfig config = config();
    UpstreamClient client = Upstreams.client(config);
    String owner = what.config != null ? "mirror:" + what.config.getFileName() : null;
    MirrorOptions options = new MirrorOptions(owner, Math.min(8, run.concurrency), run.delete, run.forceDelete, takeOver);
    MirrorSource source = new MirrorSource(config, options, client, run.headers.rules());
    BucketRun bucketRun = new BucketRun(spec, run);
    PublishReport result;
    try {
      result = publish(source, bucketRun);
    } catch (DeleteGuardException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    if (run.verbose) {
      spec.commandLine().getErr().println("upstream requests: " + client.counts());
      spec.commandLine().getErr().flush();
    }
    return exitCode(source.results(), bucketRun.exitCode(result));
  }

  private PublishReport publish(MirrorSource source, BucketRun bucketRun) throws Exception {
    if (destination.tree != null) {
      try (ObjectStore store = new DirectoryStore(destination.tree)) {
        PublishOptions options = run.publishOptions(List.of(), true);
        return bucketRun.publish(store, destination.tree.toString(), "none", source, options, null, v -> v, null);
      }
    }
    StoreOptions bucket = destination.bucket;
    try (StoreSession session = bucket.open(run.concurrency, System.getenv())) {
      PublishOptions options = run.publishOptions(List.of(), session.endpoint().profile().template().conditionalWrites);
      String publicUrl = run.verify && !run.dryRun ? bucket.publicUrl(session, run.url) : null;
      return bucketRun.publish(session.store(), bucket.bucket, session.endpoint().acl(), source, options, publicUrl,
          v -> v.withImages(mirrored(source)), bucket.footer(session));
    }
  }

  /**
   * The run's exit code once its report is out: {@code runCode} when every image was mirrored, 5 when some failed or
   * were deferred, and 1 (with the first reason) when none could be mirrored.
   */
  private int exitCode(List<ImageResult> results, int runCode) {
    long ok = results.stream().filter(ImageResult::succeeded).count();
    if (ok == results.size()) {
      return runCode;
    }
    long deferred = results.stream().filter(r -> r.status().equals("deferred")).count();
    String counts = (results.size() - ok - deferred) + " failed, " + deferred + " deferred";
    String first = results.stream().filter(r -> !r.succeeded()).findFirst().map(ImageResult::message).orElse("");
    if (ok == 0) {
      throw new UserException(ExitCodes.FAILED, "no image could be mirrored (" + counts + "); first: " + first);
    }
    spec.commandLine().getErr().println("registrish: " + (results.size() - ok) + " of " + results.size()
        + " images not mirrored (" + counts + "; the others were); first: " + first);
    spec.commandLine().getErr().flush();
    return ExitCodes.PARTIAL;
  }

  private MirrorConfig config() {
    try {
      return what.config != null ? MirrorFile.load(what.config, System.getenv())
          : MirrorFile.oneImage(what.image.source, what.image.target, what.image.insecure);
    } catch (MirrorFileException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
  }

  private static List<ImageReference> mirrored(MirrorSource source) {
    List<ImageReference> out = new ArrayList<>();
    for (ImageResult r : source.results()) {
      if (r.succeeded()) {
        r.tags().keySet().forEach(tag -> out.add(ImageReference.ofTag(r.image().target(), tag)));
      }
    }
    return out;
  }
}
