package dev.registrish.publish.plan;

import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.store.RemoteObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;

/**
 * Which listed objects another tool wrote since registrish's last run: those whose last write is later than
 * the last run's writes ended ({@link MarkerTemplate#writtenUntil}, by the store's clock). Their headers
 * are checked by HEAD, and fixed like any drift.
 */
final class ForeignWrites {
  /** The store's times are whole seconds, and the run's end is estimated from its start: a margin for both. */
  private static final Duration MARGIN = Duration.ofSeconds(2);

  private ForeignWrites() {}

  static Predicate<RemoteObject> since(MarkerTemplate marker) {
    if (marker == null || marker.writtenUntil == null) {
      return r -> false;
    }
    Instant until;
    try {
      until = Instant.parse(marker.writtenUntil).plus(MARGIN);
    } catch (DateTimeParseException e) {
      return r -> false;
    }
    return r -> r.lastModified() != null && r.lastModified().isAfter(until);
  }
}
