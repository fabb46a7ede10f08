package dev.registrish.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A small object as read from the store: its bytes, its ETag, and two times by the store's own clock:
 * when it was last written, and when the store answered (the response's {@code Date}).
 *
 * @param storeTime the response's {@code Date}; null when the store sent none
 */
public record StoredBytes(byte[] bytes, String etag, Instant lastModified, Instant storeTime) {
  /** How long ago the object was written, by the store's clock; null when the store does not say. */
  public Duration age() {
    return lastModified == null || storeTime == null ? null : Duration.between(lastModified, storeTime);
  }
}
