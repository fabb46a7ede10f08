package dev.registrish.publish.state;

import dev.registrish.oci.Json;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.store.StoredBytes;
import dev.registrish.store.Written;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Reads and writes the marker object ({@link MarkerTemplate}) beside {@code v2/}. */
public final class Marker {
  private Marker() {}

  /**
   * The marker as read, with its ETag and the store's time of the answer.
   *
   * @param marker null when the bucket has none (not yet published by registrish) or it is unreadable
   * @param etag null when there is no marker object
   * @param storeTime the store's clock when it answered; null when it sent no {@code Date}
   */
  public record State(MarkerTemplate marker, String etag, Instant storeTime) {}

  public static String key(String prefix) {
    return prefix + "registrish.marker.json";
  }

  public static State read(ObjectStore store, String prefix) {
    Optional<StoredBytes> read = store.read(key(prefix));
    if (read.isEmpty()) {
      return new State(null, null, null);
    }
    StoredBytes b = read.get();
    try {
      return new State(Json.MAPPER.readValue(b.bytes(), MarkerTemplate.class), b.etag(), b.storeTime());
    } catch (IOException e) {
      return new State(null, b.etag(), b.storeTime());
    }
  }

  /** Writes the marker on {@code condition}; empty when the store refused it. */
  public static Optional<Written> write(ObjectStore store, String prefix, MarkerTemplate marker, Precondition condition) {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return store.put(key(prefix), bytes, "application/json", condition);
  }
}
