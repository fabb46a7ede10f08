package dev.registrish.publish.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.registrish.oci.Json;
import dev.registrish.store.ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lock object beside {@code v2/} that keeps two publishes from interleaving: created only if
 * absent. A lock is taken over when it is older than its timeout, when its holder is a process of
 * this machine that no longer runs ({@link LockHolder}), or with {@code --force-unlock}.
 */
public final class BucketLock implements AutoCloseable {
  private final ObjectStore store;
  private final String key;
  private final String takenOver;
  private final AtomicBoolean released = new AtomicBoolean();

  private BucketLock(ObjectStore store, String key, String takenOver) {
    this.store = store;
    this.key = key;
    this.takenOver = takenOver;
  }

  /** The lock's content: who holds it and since when. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class LockTemplate {
    public String owner;
    public String started;
    public String host;
    public long pid;
    public String processStart;
    public String pidNamespace;
  }

  /** Takes the lock, or throws {@link LockedException} saying who holds it. */
  public static BucketLock acquire(ObjectStore store, String prefix, Duration timeout, boolean force, Instant now)
      throws LockedException {
    String key = prefix + "registrish.lock.json";
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(LockHolder.current(now));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String takenOver = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      if (store.putIfAbsent(key, body, "application/json")) {
        return new BucketLock(store, key, takenOver);
      }
      LockTemplate held = read(store, key);
      takenOver = takeOverReason(held, timeout, force, now);
      if (takenOver == null || attempt > 0) {
        throw new LockedException("bucket is locked by " + (held == null ? "another publish" : held.owner + " since " + held.started)
            + " (" + key + "); another publish is running. Its lock is taken over once older than --lock-timeout "
            + timeout.toMinutes() + " min or once that process is gone from this machine, or now with --force-unlock "
            + "if that publish is known to be dead");
      }
      store.delete(List.of(key));
    }
    throw new LockedException("could not take the lock " + key);
  }

  /** Why a held lock may be taken over, or null when it may not. */
  private static String takeOverReason(LockTemplate held, Duration timeout, boolean force, Instant now) {
    if (held == null || held.started == null) {
      return "the lock object was unreadable";
    }
    String who = held.owner + " since " + held.started;
    if (force) {
      return "--force-unlock: took the lock of " + who;
    }
    if (LockHolder.isDeadHere(held)) {
      return "took over the lock of " + who + ": that process is no longer running";
    }
    try {
      if (Instant.parse(held.started).plus(timeout).isBefore(now)) {
        return "took over the stale lock of " + who + " (older than --lock-timeout " + timeout.toMinutes() + " min)";
      }
    } catch (DateTimeParseException e) {
      return "the lock object was unreadable";
    }
    return null;
  }

  private static LockTemplate read(ObjectStore store, String key) {
    try {
      byte[] b = store.get(key).orElse(null);
      return b == null ? null : Json.MAPPER.readValue(b, LockTemplate.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** How this run came to hold a lock another had left, or null when the lock was free. */
  public String takenOver() {
    return takenOver;
  }

  /** Releases the lock; later calls do nothing. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      store.delete(List.of(key));
    }
  }
}
