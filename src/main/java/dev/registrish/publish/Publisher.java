package dev.registrish.publish;

import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.report.ReportBuilder;
import dev.registrish.publish.run.RunResult;
import dev.registrish.publish.run.RunProgress;
import dev.registrish.publish.state.ConditionalWriteCheck;
import dev.registrish.publish.state.ConditionalWritesException;
import dev.registrish.publish.state.LockScope;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
    Plan plan = planning.plan(desired, listing, marker, read.storeTime());
    BlobCheck blobs = new BlobCheck();
    blobs.check(plan);
    List<String> notes = new ArrayList<>(desired.notes());
    String owned = planning.ownershipNote(desired, listing, marker);
    if (owned != null) {
      notes.add(owned);
    }
    if (options.dryRun() || !plan.hasWrites() || plan.refused() != null) {
      if (!options.dryRun() && plan.refused() == null) {
        RunMarker.touchIfDue(store, prefix, read);
      }
      return report(source, plan, marker, null, options, notes);
    }
    Instant verified = ConditionalWriteCheck.ensure(store, prefix, read, options.lock(), notes);
    LockedRun.Outcome done = new LockedRun(store, options, planning, notes)
        .run(source, desired, plan, marker, scope(options, desired, listing), blobs, verified, progress);
    return report(source, done.plan(), marker, done.result(), options, notes);
  }

  /** The part of the bucket this run writes: all of it, or with {@code --repository} a shard, with the repositories it touches. */
  private static LockScope scope(PublishOptions options, Desired desired, List<RemoteObject> listing) {
    if (options.repositories().isEmpty()) {
      return LockScope.whole();
    }
    RepositoryFilter shard = new RepositoryFilter(options.repositories());
    Set<String> repositories = new TreeSet<>(desired.repositories());
    for (RemoteObject r : listing) {
      RegistryKey k = RegistryKey.parse(r.key());
      if (k != null && k.repository() != null && shard.matches(k.repository())) {
        repositories.add(k.repository());
      }
    }
    return new LockScope(options.repositories(), repositories);
  }

  private PublishReport report(ContentSource source, Plan plan, MarkerTemplate before, RunResult result,
      PublishOptions options, List<String> notes) {
    if (before == null && plan.actions().stream().anyMatch(a -> a.remote() != null)) {
      notes.add("bucket not yet marked as published by registrish: headers of every object were checked (take-over)");
    }
    if (plan.deleteLimitExceeded()) {
      notes.add(plan.wantedDeletes() + " deletions exceed --max-delete " + options.maxDelete() + ": nothing was deleted");
    }
    PublishReport report = ReportBuilder.of(bucket, options.prefix(), plan, before, result, options.dryRun(), notes,
        store.counts().snapshot());
    return source.report(report, ReachedMarker.brokenRepositories(plan, result));
  }
}
