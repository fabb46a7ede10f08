package dev.registrish.publish.state;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.store.StoreException;
import dev.registrish.store.Written;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The marker's part in a run. A run that writes raises the generation before its first write, and at
 * its end records the plan's marker with its time. A run with nothing to write records its time at most
 * once a day, so that a schedule that stopped shows in {@code doctor --max-age} while a no-op run
 * costs no write on other days.
 */
public final class RunMarker {
  /** How often a run with nothing to write records its time. */
  public static final Duration TOUCH_EVERY = Duration.ofDays(1);
  /** How many times a marker write is tried again after another run changed the marker first. */
  private static final int ATTEMPTS = 20;

  /**
   * Where a writing run stands after {@link #begin}.
   *
   * @param time the store's time when the generation was raised: the run's time
   */
  public record Started(long generation, String conditionalWritesVerified, Instant time, long startNanos) {
    /** How long the run has been writing, by this machine's monotonic clock (which no other host's skews). */
    public Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }
  }

  private RunMarker() {}

  /**
   * For a run with nothing to write: records its time when the last one is a day old, on the marker's
   * ETag (refused when a writing run changed the marker meanwhile: that run records its own time).
   */
  public static boolean touchIfDue(ObjectStore store, String prefix, Marker.State read) {
    Duration age = lastRunAge(read);
    if (read.marker() == null || read.storeTime() == null || age != null && age.compareTo(TOUCH_EVERY) < 0) {
      return false;
    }
    MarkerTemplate next = read.marker().copy();
    next.lastRun = read.storeTime().toString();
    return Marker.write(store, prefix, next, Precondition.matching(read.etag())).isPresent();
  }

  /** Time since the last successful run, by the store's clock; null when the marker records none. */
  public static Duration lastRunAge(Marker.State read) {
    if (read.marker() == null || read.marker().lastRun == null || read.storeTime() == null) {
      return null;
    }
    try {
      return Duration.between(Instant.parse(read.marker().lastRun), read.storeTime());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Under the lock, before the first write: raises the generation, so that a run planned at the old one
   * plans again, also when this run fails half-way. {@code writesVerified}: when this run proved the store's
   * conditional writes, or null.
   */
  public static Started begin(ObjectStore store, String prefix, Marker.State locked, Instant writesVerified) {
    Marker.State now = locked;
    for (int attempt = 0; ; attempt++) {
      MarkerTemplate m = now.marker() == null ? new MarkerTemplate() : now.marker().copy();
      m.generation++;
      if (writesVerified != null) {
        m.conditionalWritesVerified = writesVerified.toString();
      }
      Optional<Written> w = Marker.write(store, prefix, m, on(now));
      if (w.isPresent()) {
        // a store that sends no Date leaves only this machine's clock
        return new Started(m.generation, m.conditionalWritesVerified,
            w.get().storeTime() != null ? w.get().storeTime() : Instant.now(), System.nanoTime());
      }
      if (attempt >= ATTEMPTS) {
        throw new StoreException("the marker " + Marker.key(prefix) + " kept changing under this run (" + ATTEMPTS
            + " attempts); is another tool writing it?", 412, null);
      }
      now = Marker.read(store, prefix); // another shard wrote it meanwhile
    }
  }

  /**
   * After every write succeeded: the plan's marker, with this run's time, merged into the marker as it is now
   * for the repositories {@code own} says are this run's (a shard's; every one for a run over the whole bucket).
   */
  public static void finish(ObjectStore store, String prefix, MarkerTemplate planned, Started started, Predicate<String> own) {
    write(store, prefix, planned, started, own, true);
  }

  /**
   * After a run whose writes failed in part: the marker of the state it reached, merged the same way; its time is
   * not recorded as the last successful run's.
   */
  public static void finishPartly(ObjectStore store, String prefix, MarkerTemplate reached, Started started,
      Predicate<String> own) {
    write(store, prefix, reached, started, own, false);
  }

  private static void write(ObjectStore store, String prefix, MarkerTemplate planned, Started started, Predicate<String> own,
      boolean succeeded) {
    for (int attempt = 0; ; attempt++) {
      Marker.State now = Marker.read(store, prefix);
      MarkerTemplate m = MarkerMerge.of(now.marker(), planned, own);
      m.generation = Math.max(started.generation(), now.marker() == null ? 0 : now.marker().generation);
      m.conditionalWritesVerified = started.conditionalWritesVerified();
      if (succeeded) {
        m.lastRun = started.time().toString();
      } else if (now.marker() != null) {
        m.lastRun = now.marker().lastRun;
      }
      m.writtenUntil = started.time().plus(started.elapsed()).toString();
      if (Marker.write(store, prefix, m, on(now)).isPresent()) {
        return;
      }
      if (attempt >= ATTEMPTS) {
        throw new StoreException("the marker " + Marker.key(prefix) + " kept changing under this run (" + ATTEMPTS
            + " attempts); is another tool writing it?", 412, null);
      }
    }
  }

  /** The condition a marker is rewritten on: still as read, or still absent. */
  private static Precondition on(Marker.State read) {
    return read.etag() != null ? Precondition.matching(read.etag()) : Precondition.absent();
  }
}
