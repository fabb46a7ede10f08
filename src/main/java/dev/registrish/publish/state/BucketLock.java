package dev.registrish.publish.state;

import dev.registrish.oci.Json;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.StoreException;
import dev.registrish.store.Written;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lock object beside {@code v2/} that keeps two publishes from interleaving. Every write of it is
 * conditional: created with {@code If-None-Match: *}; taken over, renewed and released with
 * {@code If-Match} on the ETag last seen, so that of two runs at most one wins and no run overwrites a
 * lock it does not hold. Released means written as released (R2 has no conditional delete), and a
 * released lock is free. Only a 404 means "no lock"; ages are judged by the store's clock
 * ({@link LockView}). The holder rewrites its lock every third of the timeout while it runs.
 */
public final class BucketLock implements AutoCloseable {
  private static final String JSON = "application/json";
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final ObjectStore store;
  private final String key;
  private final LockTemplate mine;
  private final String takenOver;
  private final Consumer<String> onLost;
  private final ScheduledExecutorService renewal;
  private String etag;
  private boolean released;
  private volatile String lost;

  private BucketLock(ObjectStore store, String key, LockTemplate mine, String etag, String takenOver,
      Consumer<String> onLost, Duration renewEvery) {
    this.store = store;
    this.key = key;
    this.mine = mine;
    this.etag = etag;
    this.takenOver = takenOver;
    this.onLost = onLost;
    this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "registrish-lock-renewal");
      t.setDaemon(true);
      return t;
    });
    renewal.scheduleWithFixedDelay(this::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The key of the lock over the whole bucket. */
  public static String key(String prefix) {
    return prefix + LockScope.whole().lockName();
  }

  /** {@link #acquire(ObjectStore, String, LockScope, LockOptions, Instant, Consumer)} over the whole bucket. */
  public static BucketLock acquire(ObjectStore store, String prefix, LockOptions options, Instant now, Consumer<String> onLost)
      throws LockedException, InterruptedException {
    return acquire(store, prefix, LockScope.whole(), options, now, onLost);
  }

  /**
   * Takes the lock of {@code scope}, waiting up to {@code options.waitFor()} for another run to finish, or throws
   * {@link LockedException} saying who holds it. Once its own lock is written, a run looks for live locks of
   * overlapping scopes (another shard, or a run over the whole bucket): it backs off when it finds one, so that of
   * two overlapping runs at most one goes on. {@code onLost} is told why, should the lock be lost later.
   */
  public static BucketLock acquire(ObjectStore store, String prefix, LockScope scope, LockOptions options, Instant now,
      Consumer<String> onLost) throws LockedException, InterruptedException {
    String key = prefix + scope.lockName();
    LockTemplate mine = LockHolder.current(now);
    mine.scope = scope.globs();
    mine.repositories = scope.repositories();
    long start = System.nanoTime();
    Duration pause = Duration.ofSeconds(1);
    while (true) {
      Optional<LockView> seen = read(store, key);
      String reason = seen.isEmpty() ? "" : seen.get().takeOverReason(options);
      String blocked = null;
      if (reason != null) {
        Precondition free = seen.map(v -> Precondition.matching(v.stored.etag())).orElse(Precondition.absent());
        String etag = write(store, key, mine, free);
        if (etag == null) {
          continue; // another run took it first: look again
        }
        blocked = options.force() ? null : Overlaps.find(store, prefix, key, scope, options);
        if (blocked == null) {
          return new BucketLock(store, key, mine, etag, reason.isEmpty() ? null : reason, onLost, options.renewEvery());
        }
        mine.state = LockTemplate.RELEASED;
        write(store, key, mine, Precondition.matching(etag)); // back off: the overlapping run goes on
        mine.state = LockTemplate.HELD;
      }
      Duration left = options.waitFor().minus(Duration.ofNanos(System.nanoTime() - start));
      if (left.isNegative() || left.isZero()) {
        throw new LockedException(blocked != null ? blocked : seen.get().lockedMessage(key, options));
      }
      // a random part, so that two runs that backed off from each other do not meet again
      Thread.sleep(Math.min(pause.toMillis() + ThreadLocalRandom.current().nextLong(500), left.toMillis()));
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  /** How this run came to hold a lock another had left, or null when the lock was free. */
  public String takenOver() {
    return takenOver;
  }

  /** Confirms, with one HEAD, that this run still holds the lock; throws {@link LockLostException} when it does not. */
  public synchronized void check() {
    if (lost == null && !released) {
      Optional<RemoteHead> head = store.head(key);
      if (head.isEmpty() || !etag.equals(head.get().etag())) {
        Optional<LockView> now = read(store, key);
        if (now.isPresent() && now.get().isOf(mine) && !now.get().held.released()) {
          etag = now.get().stored.etag();
        } else {
          lose(now);
        }
      }
    }
    if (lost != null) {
      throw new LockLostException(lost);
    }
  }

  /** Rewrites the lock on its ETag, so that its age stays below the timeout while the run goes on. */
  private synchronized void renew() {
    if (lost != null || released) {
      return;
    }
    try {
      String renewed = write(store, key, mine, Precondition.matching(etag));
      if (renewed != null) {
        etag = renewed;
      } else {
        lose(read(store, key));
      }
    } catch (StoreException e) {
      // retried at the next renewal; the check before each phase fails the run if the store stays unreachable
    }
  }

  private void lose(Optional<LockView> now) {
    lost = "lost the bucket's lock " + key + ": " + now.map(v -> "it is now held by " + v.who()).orElse("it was removed")
        + " (taken over with --force-unlock, or as stale). This run stopped before its next write; what it wrote keeps "
        + "every pull working; publish again once the other run is done";
    onLost.accept(lost);
  }

  /** Releases the lock if this run still holds it (written as released, on its ETag); later calls do nothing. */
  @Override
  public void close() {
    renewal.shutdown();
    try {
      renewal.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (released || lost != null) {
        return;
      }
      released = true;
      mine.state = LockTemplate.RELEASED;
      write(store, key, mine, Precondition.matching(etag)); // refused: another run holds it now, and keeps it
    }
  }

  /**
   * Writes {@code t} (one more write, so other bytes) on {@code condition}: the new ETag, or null when the
   * lock is another run's. A refused write is read back: when the lock holds this run's token, the write
   * had applied and its answer was lost (the SDK's retry was the one refused).
   */
  private static String write(ObjectStore store, String key, LockTemplate t, Precondition condition) {
    Precondition c = condition;
    for (int attempt = 0; attempt < 2; attempt++) {
      t.writes++;
      Optional<Written> w = store.put(key, bytes(t), JSON, c);
      if (w.isPresent()) {
        return w.get().etag();
      }
      Optional<LockView> now = read(store, key);
      if (now.isEmpty() || !now.get().isOf(t)) {
        return null;
      }
      if (t.state.equals(now.get().held.state)) {
        return now.get().stored.etag();
      }
      c = Precondition.matching(now.get().stored.etag());
    }
    return null;
  }

  /** The lock as stored, or empty on a 404; any other failure stops the run. */
  static Optional<LockView> read(ObjectStore store, String key) {
    try {
      return store.read(key).map(LockView::new);
    } catch (StoreException e) {
      throw new StoreException("cannot read the bucket's lock " + key + ": " + e.getMessage()
          + "; only a missing lock (404) counts as free, so this run stops", e.status(), e);
    }
  }

  private static byte[] bytes(LockTemplate t) {
    try {
      return Json.MAPPER.writeValueAsBytes(t);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
