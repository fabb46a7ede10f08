package dev.registrish.publish.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one piece of work per item on a bounded pool of daemon threads and waits for all of them:
 * the one way a publish works in parallel (HEADs, hashing, writes).
 */
public final class Parallel implements AutoCloseable {
  private final ExecutorService pool;

  public Parallel(int threads, String name) {
    this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code work} once per item on a pool of {@code threads}, then closes the pool. */
  public static <T> void each(Collection<T> items, int threads, String name, Consumer<T> work) throws InterruptedException {
    if (items.isEmpty()) {
      return;
    }
    try (Parallel p = new Parallel(Math.min(threads, items.size()), name)) {
      p.run(items, work);
    }
  }

  /**
   * Runs {@code work} once per item and waits for every one; the first exception an item threw is
   * rethrown once all have ended (so nothing still runs when the caller goes on).
   */
  public <T> void run(Collection<T> items, Consumer<T> work) throws InterruptedException {
    List<Future<?>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(pool.submit(() -> work.accept(item)));
    }
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
