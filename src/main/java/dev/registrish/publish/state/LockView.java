package dev.registrish.publish.state;

import dev.registrish.oci.Json;
import dev.registrish.store.StoredBytes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * A lock object as read from the store: its content (null when unreadable as a lock) and its age by
 * the store's clock, with the rules for when another run may take it.
 */
final class LockView {
  final StoredBytes stored;
  final LockTemplate held;

  LockView(StoredBytes stored) {
    this.stored = stored;
    LockTemplate t;
    try {
      t = Json.MAPPER.readValue(stored.bytes(), LockTemplate.class);
    } catch (IOException e) {
      t = null;
    }
    this.held = t;
  }

  boolean isOf(LockTemplate mine) {
    return held != null && mine.token.equals(held.token);
  }

  String who() {
    return held == null || held.owner == null ? "an unknown holder (the lock's content is not a registrish lock)"
        : held.owner + " since " + held.started;
  }

  /** Time since the lock was last written, by the store's clock (this machine's when the store sends no Date). */
  Duration age() {
    Duration age = stored.age();
    return age != null ? age : Duration.between(stored.lastModified(), Instant.now());
  }

  /** Why this run may take the lock: null when it may not, "" when the lock is free (released). */
  String takeOverReason(LockOptions options) {
    if (held != null && held.released()) {
      return "";
    }
    if (options.force()) {
      return "--force-unlock: took the lock of " + who();
    }
    if (LockHolder.isDeadHere(held)) {
      return "took over the lock of " + who() + ": that process is no longer running";
    }
    if (age().compareTo(options.timeout()) > 0) {
      return "took over the stale lock of " + who() + " (last written " + human(age()) + " ago by the store's clock, "
          + "older than --lock-timeout " + human(options.timeout()) + ")";
    }
    return null;
  }

  String lockedMessage(String key, LockOptions options) {
    return "bucket is locked by " + who() + " (" + key + ", last written " + human(age()) + " ago by the store's clock)"
        + (options.waitFor().isZero() ? "" : " after waiting " + human(options.waitFor())) + "; another publish is running. Its lock is taken over "
        + "once older than --lock-timeout " + human(options.timeout()) + " or once that process is gone from this machine, "
        + "or now with --force-unlock if that publish is known to be dead; --lock-wait DURATION waits for it to finish";
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 120 ? s + " s" : s / 60 + " min";
  }
}
