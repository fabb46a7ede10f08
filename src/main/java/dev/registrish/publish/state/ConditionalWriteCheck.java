package dev.registrish.publish.state;

import dev.registrish.store.ConditionalWriteProbe;
import dev.registrish.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Before a run relies on the bucket lock: the store's conditional writes are proven by a probe
 * ({@link ConditionalWriteProbe}), and the proof is remembered in the marker and redone once a week;
 * or the user declared a single writer and the check is skipped, with a note saying so.
 */
public final class ConditionalWriteCheck {
  /** How long a proof recorded in the marker is trusted. */
  public static final Duration RECHECK_EVERY = Duration.ofDays(7);

  private ConditionalWriteCheck() {}

  /**
   * Proves the store's conditional writes unless the marker records a recent proof; returns when this
   * run proved them (to record), or null when it did not need to.
   */
  public static Instant ensure(ObjectStore store, String prefix, Marker.State marker, LockOptions options, List<String> notes)
      throws ConditionalWritesException {
    if (!options.conditionalWrites()) {
      notes.add("conditional writes not checked (single writer declared): the lock cannot keep two publishes apart");
      return null;
    }
    if (recentlyVerified(marker)) {
      return null;
    }
    ConditionalWriteProbe.Result probe = ConditionalWriteProbe.run(store, prefix);
    if (!probe.honoured()) {
      throw new ConditionalWritesException("the store does not honour conditional writes, which the bucket lock needs: "
          + probe.problem() + ". Nothing was published. If only one publish ever runs at a time on this bucket, "
          + "pass --no-lock-check or set \"conditionalWrites\": false in the profile");
    }
    return probe.storeTime() != null ? probe.storeTime() : Instant.now();
  }

  private static boolean recentlyVerified(Marker.State marker) {
    if (marker.marker() == null || marker.marker().conditionalWritesVerified == null || marker.storeTime() == null) {
      return false;
    }
    try {
      Instant at = Instant.parse(marker.marker().conditionalWritesVerified);
      return Duration.between(at, marker.storeTime()).compareTo(RECHECK_EVERY) < 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
