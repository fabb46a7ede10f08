package dev.registrish.sync;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.Upload;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Carries out a plan phase by phase ({@link Phases}) with bounded concurrency. A phase with a
 * failure stops the run before the next phase starts, so nothing is published whose parts are missing.
 */
public final class Executor {
  private final ObjectStore store;
  private final String prefix;
  private final int concurrency;
  private volatile boolean stopped;

  public Executor(ObjectStore store, String prefix, int concurrency) {
    this.store = store;
    this.prefix = prefix;
    this.concurrency = Math.max(1, concurrency);
  }

  /** Starts no further write: actions not yet begun fail as stopped, and the run ends after the current phase. */
  public void stop() {
    stopped = true;
  }

  /** Runs every write of the plan; {@code progress} gets the count of finished actions. */
  public ExecutionResult execute(Plan plan, IntConsumer progress) throws InterruptedException {
    ExecutionResult result = new ExecutionResult();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "registrish-publish");
      t.setDaemon(true);
      return t;
    });
    try {
      for (List<PlannedAction> phase : Phases.of(plan)) {
        if (phase.get(0).action() == Action.DELETE) {
          runDeletes(phase, result);
        } else {
          List<Future<?>> futures = new ArrayList<>();
          for (PlannedAction a : phase) {
            futures.add(pool.submit(() -> {
              try {
                run(a);
                result.done(a);
                progress.accept(result.doneCount());
              } catch (RuntimeException e) {
                result.failed(a, e);
              }
            }));
          }
          for (Future<?> f : futures) {
            try {
              f.get();
            } catch (java.util.concurrent.ExecutionException e) {
              throw new IllegalStateException(e.getCause());
            }
          }
        }
        if (!result.failures().isEmpty()) {
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return result;
  }

  private void runDeletes(List<PlannedAction> phase, ExecutionResult result) {
    try {
      checkNotStopped();
      store.delete(phase.stream().map(a -> prefix + a.key()).toList());
      phase.forEach(result::done);
    } catch (RuntimeException e) {
      phase.forEach(a -> result.failed(a, e));
    }
  }

  private void checkNotStopped() {
    if (stopped) {
      throw new IllegalStateException("not started: the publish was stopped");
    }
  }

  private void run(PlannedAction a) {
    checkNotStopped();
    TreeObject o = a.local();
    Upload upload = new Upload(prefix + a.key(), o.file(), o.bytes(), o.size(), o.headers().contentType(),
        o.headers().cacheControl(), Metadata.of(o));
    switch (a.action()) {
      case UPLOAD, REPLACE -> store.put(upload);
      case COPY -> store.copy(prefix + a.copyFrom(), upload);
      case FIX_METADATA -> store.copy(prefix + a.key(), upload);
      default -> throw new IllegalArgumentException("not a write: " + a.action());
    }
  }
}
