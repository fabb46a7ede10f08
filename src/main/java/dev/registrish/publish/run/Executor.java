package dev.registrish.publish.run;

import dev.registrish.publish.plan.Action;
import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.plan.PlannedAction;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Upload;
import dev.registrish.tree.Content;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries out a plan phase by phase ({@link Phases}) with bounded concurrency. A failed write holds back
 * what depends on it in later phases ({@link Dependencies}), and every delete, so nothing is published whose
 * parts are missing; writes that do not depend on it go ahead.
 */
public final class Executor {
  private final ObjectStore store;
  private final String prefix;
  private final int concurrency;
  private final boolean wholeRepositories;
  private volatile String stopped;

  /**
   * {@code wholeRepositories}: a failed write holds back every tag of its repository (a mirror's repository is one
   * image).
   */
  public Executor(ObjectStore store, String prefix, int concurrency, boolean wholeRepositories) {
    this.store = store;
    this.prefix = prefix;
    this.concurrency = Math.max(1, concurrency);
    this.wholeRepositories = wholeRepositories;
  }

  /** Starts no further write: actions not yet begun fail as stopped, and the run ends after the current phase. */
  public void stop() {
    stop("the publish was stopped");
  }

  /** As {@link #stop()}, with the reason that actions not begun fail with. */
  public void stop(String reason) {
    stopped = reason;
  }

  /**
   * Runs every write of the plan, telling {@code progress} of the objects written and the bytes sent. {@code confirm}
   * runs before each phase and after the last one, and throws when the run may not go on (its lock is lost).
   */
  public RunResult execute(Plan plan, RunProgress progress, Runnable confirm) throws InterruptedException {
    RunResult result = new RunResult();
    List<PlannedAction> writes = plan.actions().stream().filter(a -> a.action().writes()).toList();
    progress.started(writes.size(), writes.stream().mapToLong(PlannedAction::bytesSent).sum());
    try (Parallel pool = new Parallel(concurrency, "registrish-publish")) {
      for (List<PlannedAction> all : Phases.of(plan)) {
        List<PlannedAction> phase = new ArrayList<>();
        for (PlannedAction a : all) {
          String need = Dependencies.brokenNeed(a, result.brokenKeys(), result.brokenRepositories(),
              wholeRepositories);
          if (need == null) {
            phase.add(a);
          } else {
            result.heldBack(a, need);
          }
        }
        if (phase.isEmpty()) {
          continue;
        }
        if (!confirmed(confirm, result)) {
          break;
        }
        if (phase.get(0).action() == Action.DELETE) {
          runDeletes(phase, result, progress);
        } else {
          pool.run(phase, a -> {
            try {
              run(a, progress);
              result.done(a);
              progress.written(1);
            } catch (RuntimeException e) {
              result.failed(a, e);
            }
          });
        }
      }
      if (result.failures().isEmpty()) {
        confirmed(confirm, result);
      }
    }
    return result;
  }

  private static boolean confirmed(Runnable confirm, RunResult result) {
    try {
      confirm.run();
      return true;
    } catch (RuntimeException e) {
      result.stopped(e.getMessage());
      return false;
    }
  }

  private void runDeletes(List<PlannedAction> phase, RunResult result, RunProgress progress) {
    try {
      checkNotStopped();
      store.delete(phase.stream().map(a -> prefix + a.key()).toList());
      phase.forEach(result::done);
      progress.written(phase.size());
    } catch (RuntimeException e) {
      phase.forEach(a -> result.failed(a, e));
    }
  }

  private void checkNotStopped() {
    String reason = stopped;
    if (reason != null) {
      throw new IllegalStateException("not started: " + reason);
    }
  }

  /** The SHA-256 of an object's bytes when its digest names them (a blob, a manifest, a tag), for the store to check. */
  private static String contentSha256(TreeObject o) {
    boolean named = o.kind() == Kind.BLOB || o.kind() == Kind.MANIFEST || o.kind() == Kind.TAG;
    return named && o.digest() != null && o.digest().algorithm().equals("sha256") ? o.digest().hex() : null;
  }

  /** Writes one object; the bytes the store did not tell of as it sent them (a folder key holds none) count once it is done. */
  private void run(PlannedAction a, RunProgress progress) {
    checkNotStopped();
    TreeObject o = a.local();
    Content.Opener stream = o.content().stream();
    AtomicLong told = new AtomicLong();
    Upload upload = new Upload(prefix + a.key(), o.file(), o.bytes(), stream == null ? null : stream::open, o.size(),
        o.headers().contentType(), o.headers().cacheControl(), o.headers().metadata(), n -> {
          told.addAndGet(n);
          progress.sent(n);
        }, contentSha256(o));
    switch (a.action()) {
      case UPLOAD, REPLACE -> store.put(upload);
      case COPY -> store.copy(prefix + a.copyFrom(), upload);
      case FIX_METADATA -> store.copy(prefix + a.key(), upload);
      default -> throw new IllegalArgumentException("not a write: " + a.action());
    }
    long rest = a.bytesSent() - told.get();
    if (rest > 0) {
      progress.sent(rest);
    }
  }
}
