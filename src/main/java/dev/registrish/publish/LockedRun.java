package dev.registrish.publish;

import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.run.Executor;
import dev.registrish.publish.run.RunResult;
import dev.registrish.publish.run.ShutdownGuard;
import dev.registrish.publish.state.BucketLock;
import dev.registrish.publish.state.LockScope;
import dev.registrish.publish.state.LockedException;
import dev.registrish.publish.state.Marker;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.publish.state.RunMarker;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.RegistryKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import dev.registrish.publish.run.RunProgress;

/**
 * The writing part of a publish, under the bucket's lock: re-plan if another run changed the bucket since
 * planning, raise the marker's generation, write phase by phase, record the marker. Once the lock is held,
 * nothing it meets is thrown: a failure (the store gone mid-run, a release that cannot be written) becomes
 * part of the result, so that the report says what was done and what was not.
 */
final class LockedRun {
  /** What the run planned last and what it did. */
  record Outcome(Plan plan, RunResult result) {}

  private final ObjectStore store;
  private final PublishOptions options;
  private final Planning planning;
  private final List<String> notes;

  LockedRun(ObjectStore store, PublishOptions options, Planning planning, List<String> notes) {
    this.store = store;
    this.options = options;
    this.planning = planning;
    this.notes = notes;
  }

  Outcome run(ContentSource source, Desired desired, Plan planned, MarkerTemplate marker, LockScope scope, BlobCheck blobs,
      Instant verified, RunProgress progress) throws LockedException, InvalidTreeException, IOException, InterruptedException {
    String prefix = options.prefix();
    Executor executor = new Executor(store, prefix, options.concurrency(), desired.owner() != null);
    BucketLock lock = BucketLock.acquire(store, prefix, scope, options.lock(), options.now(), executor::stop);
    RepositoryFilter shard = new RepositoryFilter(scope.globs());
    Plan plan = planned;
    RunResult result = null;
    try (ShutdownGuard guard = ShutdownGuard.install(store, lock, executor)) {
      if (lock.takenOver() != null) {
        notes.add(lock.takenOver());
      }
      // every run that writes raises the marker's generation first: an unchanged marker means the plan still holds
      Marker.State locked = Marker.read(store, prefix);
      if (!Objects.equals(locked.marker(), marker)) {
        List<RemoteObject> fresh = BucketListing.list(store, prefix, source::expectedKeys);
        plan = planning.plan(source.resolve(new BucketView(fresh, locked.marker(), store, prefix)), fresh, locked.marker(),
            locked.storeTime());
        blobs.check(plan);
      }
      RunMarker.Started started = RunMarker.begin(store, prefix, locked, verified);
      int aborted = store.abortStaleUploads(prefix + RegistryKey.ROOT, options.abortUploadsAfter().toMillis());
      if (aborted > 0) {
        notes.add("aborted " + aborted + " incomplete multipart uploads under the prefix" + (options.abortUploadsAfter().isZero()
            ? "" : " started more than " + human(options.abortUploadsAfter()) + " ago"));
      }
      result = executor.execute(plan, progress, lock::check);
      if (result.failures().isEmpty()) {
        RunMarker.finish(store, prefix, graceFromNow(plan, started), started, shard::matches);
      } else if (!result.wasStopped()) {
        finishReached(source, locked.marker(), plan, result, lock, started, shard);
      }
    } catch (RuntimeException e) {
      result = result != null ? result : new RunResult();
      result.abandoned(e.getMessage());
    } finally {
      release(lock);
    }
    return new Outcome(plan, result);
  }

  /**
   * After a run that failed in part and still holds its lock: the marker of the state it reached, so that what the
   * source records (a mirror's failing images) is kept also when some writes failed.
   */
  private void finishReached(ContentSource source, MarkerTemplate before, Plan plan, RunResult result, BucketLock lock,
      RunMarker.Started started, RepositoryFilter shard) {
    MarkerTemplate reached = ReachedMarker.of(before, plan, result);
    source.partlyWritten(reached, ReachedMarker.brokenRepositories(plan, result));
    try {
      lock.check();
    } catch (RuntimeException e) {
      notes.add("the marker was not updated: " + e.getMessage());
      return;
    }
    RunMarker.finishPartly(store, options.prefix(), reached, started, shard::matches);
  }

  private void release(BucketLock lock) {
    try {
      lock.close();
    } catch (RuntimeException e) {
      notes.add("the lock could not be released (" + e.getMessage() + "); the next run takes it over once stale");
    }
  }

  /** The plan's marker with the grace clock of what this run unreferenced started now, at its end, by the store's clock. */
  private static MarkerTemplate graceFromNow(Plan plan, RunMarker.Started started) {
    MarkerTemplate m = plan.marker().copy();
    long end = started.time().plus(started.elapsed()).toEpochMilli();
    plan.newlyUnreferenced().forEach(k -> m.unreferenced.put(k, end));
    return m;
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }
}
