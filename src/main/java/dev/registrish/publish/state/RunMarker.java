package dev.registrish.publish.state;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.store.Written;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The marker's part in a run. A run that writes raises the generation before its first write, and at
 * its end records the plan's marker with its time. A run with nothing to write records its time at most
 * once a day, so that a schedule that stopped shows in {@code doctor --max-age} while a no-op run
 * costs no write on other days.
 */
public final class RunMarker {
  /** How often a run with nothing to write records its time. */
  public static final Duration TOUCH_EVERY = Duration.ofDays(1);

  /**
   * Where a writing run stands after {@link #begin}.
   *
   * @param time the store's time when the generation was raised: the run's time
   */
  public record Started(long generation, String conditionalWritesVerified, Instant time) {}

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
    MarkerTemplate m = locked.marker() == null ? new MarkerTemplate() : locked.marker().copy();
    m.generation++;
    if (writesVerified != null) {
      m.conditionalWritesVerified = writesVerified.toString();
    }
    Written w = Marker.write(store, prefix, m, Precondition.none()).orElseThrow();
    // a store that sends no Date leaves only this machine's clock
    return new Started(m.generation, m.conditionalWritesVerified, w.storeTime() != null ? w.storeTime() : Instant.now());
  }

  /** After every write succeeded: the plan's marker at this run's generation, with this run's time. */
  public static void finish(ObjectStore store, String prefix, MarkerTemplate planned, Started started) {
    write(store, prefix, planned, started, true);
  }

  /**
   * After a run whose writes failed in part: the marker of the state it reached, at this run's generation; its time
   * is not recorded as the last successful run's.
   */
  public static void finishPartly(ObjectStore store, String prefix, MarkerTemplate reached, Started started) {
    write(store, prefix, reached, started, false);
  }

  private static void write(ObjectStore store, String prefix, MarkerTemplate state, Started started, boolean succeeded) {
    MarkerTemplate m = state.copy();
    m.generation = started.generation();
    m.conditionalWritesVerified = started.conditionalWritesVerified();
    if (succeeded) {
      m.lastRun = started.time().toString();
    }
    Marker.write(store, prefix, m, Precondition.none());
  }
}
