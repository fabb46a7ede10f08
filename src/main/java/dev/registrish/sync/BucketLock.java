package dev.registrish.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.registrish.oci.Json;
import dev.registrish.store.ObjectStore;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lock object beside {@code v2/} that keeps two publishes from interleaving: created only if
 * absent; a lock older than its timeout is stale and taken over.
 */
public final class BucketLock implements AutoCloseable {
  private final ObjectStore store;
  private final String key;

  private BucketLock(ObjectStore store, String key) {
    this.store = store;
    this.key = key;
  }

  /** The lock's content: who holds it and since when. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class LockTemplate {
    public String owner;
    public String started;
  }

  /** Takes the lock, or throws {@link LockedException} saying who holds it. */
  public static BucketLock acquire(ObjectStore store, String prefix, Duration timeout, boolean force, Instant now)
      throws LockedException {
    String key = prefix + "registrish.lock.json";
    LockTemplate mine = new LockTemplate();
    mine.owner = owner();
    mine.started = now.toString();
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(mine);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      if (store.putIfAbsent(key, body, "application/json")) {
        return new BucketLock(store, key);
      }
      LockTemplate held = read(store, key);
      boolean stale = held == null || held.started == null
          || Instant.parse(held.started).plus(timeout).isBefore(now);
      if (!(stale || force) || attempt > 0) {
        throw new LockedException("bucket is locked by " + (held == null ? "another publish" : held.owner + " since " + held.started)
            + " (" + key + "); another publish is running. It is taken over once older than " + timeout.toMinutes()
            + " min, or now with --force-unlock if that publish is known to be dead");
      }
      store.delete(List.of(key));
    }
    throw new LockedException("could not take the lock " + key);
  }

  private static LockTemplate read(ObjectStore store, String key) {
    try {
      byte[] b = store.get(key).orElse(null);
      return b == null ? null : Json.MAPPER.readValue(b, LockTemplate.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String owner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return host + " pid " + ProcessHandle.current().pid();
  }

  @Override
  public void close() {
    store.delete(List.of(key));
  }
}
