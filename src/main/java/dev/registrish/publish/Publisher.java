package dev.registrish.publish;

import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.report.ReportBuilder;
import dev.registrish.publish.run.RunResult;
import dev.registrish.publish.run.Executor;
import dev.registrish.publish.run.RunProgress;
import dev.registrish.publish.run.ShutdownGuard;
import dev.registrish.publish.state.BucketLock;
import dev.registrish.publish.state.ConditionalWriteCheck;
import dev.registrish.publish.state.ConditionalWritesException;
import dev.registrish.publish.state.LockedException;
import dev.registrish.publish.state.Marker;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.publish.state.RunMarker;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeScan;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Publishes a tree to a bucket: inventory, listing, plan, validation, then (unless a dry run)
 * phased execution under the bucket lock, and the marker. Decide, then do.
 */
public final class Publisher {
  private final ObjectStore store;
  private final String bucket;
  private final String acl;

  public Publisher(ObjectStore store, String bucket, String acl) {
    this.store = store;
    this.bucket = bucket;
    this.acl = acl;
  }

  public PublishReport publish(Tree tree, PublishOptions options, RunProgress progress)
      throws InvalidTreeException, LockedException, ConditionalWritesException, InterruptedException, IOException {
    return publish(TreeScan.of(tree), options, progress);
  }

  /**
   * Publishes a tree that may still be scanning: the marker and the first listing page are fetched
   * meanwhile. A tree that turns out invalid is reported as such, even if the bucket failed too.
   */
  public PublishReport publish(TreeScan scan, PublishOptions options, RunProgress progress)
      throws InvalidTreeException, LockedException, ConditionalWritesException, InterruptedException, IOException {
    TreeSource source = new TreeSource(scan, new RepositoryFilter(options.repositories()), options.rules());
    try {
      return publish(source, options, progress);
    } catch (RuntimeException e) {
      source.awaitScan();
      throw e;
    }
  }

  /** Brings the bucket in step with a content source: list, resolve, plan, check, then write under the lock. */
  public PublishReport publish(ContentSource source, PublishOptions options, RunProgress progress)
      throws InvalidTreeException, LockedException, ConditionalWritesException, InterruptedException, IOException {
    String prefix = options.prefix();
    Planning planning = new Planning(store, options, options.rules().fingerprint() + ";acl=" + acl);
    Marker.State read = Marker.read(store, prefix);
    MarkerTemplate marker = read.marker();
    List<RemoteObject> listing = BucketListing.list(store, prefix, source::expectedKeys);
    Desired desired = source.resolve(new BucketView(listing, marker, store, prefix));
    Plan plan = planning.plan(desired, listing, marker);
    BlobCheck blobs = new BlobCheck();
    blobs.check(plan);
    List<String> notes = new ArrayList<>(desired.notes());
    if (options.dryRun() || !plan.hasWrites()) {
      if (!options.dryRun()) {
        RunMarker.touchIfDue(store, prefix, read);
      }
      return report(plan, marker, null, options, notes);
    }
    Instant verified = ConditionalWriteCheck.ensure(store, prefix, read, options.lock(), notes);
    Executor executor = new Executor(store, prefix, options.concurrency());
    try (BucketLock lock = BucketLock.acquire(store, prefix, options.lock(), options.now(), executor::stop);
        ShutdownGuard guard = ShutdownGuard.install(store, lock, executor)) {
      if (lock.takenOver() != null) {
        notes.add(lock.takenOver());
      }
      // every run that writes raises the marker's generation first: an unchanged marker means the plan still holds
      Marker.State locked = Marker.read(store, prefix);
      if (!Objects.equals(locked.marker(), marker)) {
        List<RemoteObject> fresh = BucketListing.list(store, prefix, source::expectedKeys);
        desired = source.resolve(new BucketView(fresh, locked.marker(), store, prefix));
        plan = planning.plan(desired, fresh, locked.marker());
        blobs.check(plan);
      }
      RunMarker.Started started = RunMarker.begin(store, prefix, locked, verified);
      int aborted = store.abortStaleUploads(prefix + RegistryKey.ROOT, options.abortUploadsAfter().toMillis());
      if (aborted > 0) {
        notes.add("aborted " + aborted + " incomplete multipart uploads under the prefix" + (options.abortUploadsAfter().isZero()
            ? "" : " started more than " + human(options.abortUploadsAfter()) + " ago"));
      }
      RunResult result = executor.execute(plan, progress, lock::check);
      if (result.failures().isEmpty()) {
        RunMarker.finish(store, prefix, plan.marker(), started);
      }
      return report(plan, marker, result, options, notes);
    }
  }

  private PublishReport report(Plan plan, MarkerTemplate before, RunResult result, PublishOptions options, List<String> notes) {
    if (before == null && plan.actions().stream().anyMatch(a -> a.remote() != null)) {
      notes.add("bucket not yet marked as published by registrish: headers of every object were checked (take-over)");
    }
    if (plan.deleteLimitExceeded()) {
      notes.add(plan.wantedDeletes() + " deletions exceed --max-delete " + options.maxDelete() + ": nothing was deleted");
    }
    return ReportBuilder.of(bucket, options.prefix(), plan, before, result, options.dryRun(), notes, store.counts().snapshot());
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }
}
