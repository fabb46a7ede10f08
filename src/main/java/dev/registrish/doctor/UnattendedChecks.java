package dev.registrish.doctor;

import dev.registrish.doctor.Check.Status;
import dev.registrish.publish.state.Marker;
import dev.registrish.publish.state.RunMarker;
import dev.registrish.store.ConditionalWriteProbe;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.StoreException;
import java.time.Duration;

/**
 * The checks that matter when publishes run unattended: the store honours the conditional writes
 * the bucket lock relies on, and the last successful publish is recent enough ({@code --max-age}).
 */
final class UnattendedChecks {
  private static final String SINGLE_WRITER = "publish refuses such a store; if only one publish ever runs at a time on this "
      + "bucket, set \"conditionalWrites\": false in the profile or pass --no-lock-check to publish";

  private UnattendedChecks() {}

  /** Probes conditional writes with an object beside {@code v2/} that it removes. */
  static Check conditionalWrites(ObjectStore store, String prefix, boolean relied) {
    if (!relied) {
      return new Check("conditional-writes", Status.SKIP, "the profile declares a single writer (\"conditionalWrites\": false)", null);
    }
    try {
      ConditionalWriteProbe.Result r = ConditionalWriteProbe.run(store, prefix);
      return r.honoured()
          ? new Check("conditional-writes", Status.PASS, "a second create (If-None-Match: *) and a write on a stale ETag "
              + "(If-Match) were refused; the probe object was removed", null)
          : new Check("conditional-writes", Status.FAIL, r.problem() + "; the bucket lock cannot keep two publishes apart", SINGLE_WRITER);
    } catch (StoreException e) {
      return new Check("conditional-writes", Status.FAIL, e.getMessage(), SINGLE_WRITER);
    }
  }

  /** Fails when the last successful publish recorded in the marker is older than {@code maxAge}, by the store's clock. */
  static Check lastRun(ObjectStore store, String prefix, Duration maxAge) {
    String fix = "check that the scheduled publish still runs and succeeds (its CI job, its credentials)";
    Marker.State read;
    try {
      read = Marker.read(store, prefix);
    } catch (StoreException e) {
      return new Check("last-run", Status.FAIL, e.getMessage(), null);
    }
    if (read.marker() == null) {
      return new Check("last-run", Status.FAIL, "no marker " + Marker.key(prefix) + ": no publish has succeeded here", fix);
    }
    Duration age = RunMarker.lastRunAge(read);
    if (age == null) {
      return new Check("last-run", Status.FAIL, Marker.key(prefix) + " records no successful run time (written by an older "
          + "registrish, or the store sends no Date)", fix);
    }
    String when = "last successful publish at " + read.marker().lastRun + ", " + human(age) + " ago by the store's clock";
    return age.compareTo(maxAge) > 0
        ? new Check("last-run", Status.FAIL, when + ": older than --max-age " + human(maxAge), fix)
        : new Check("last-run", Status.PASS, when, null);
  }

  private static String human(Duration d) {
    long m = Math.max(0, d.toMinutes());
    return m >= 2 * 24 * 60 ? m / (24 * 60) + " d" : m >= 120 ? m / 60 + " h" : m + " min";
  }
}
