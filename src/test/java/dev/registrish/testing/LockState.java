package dev.registrish.testing;

import dev.registrish.oci.Json;
import dev.registrish.publish.state.LockTemplate;
import dev.registrish.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What the bucket's lock object says: {@code held}, {@code released}, or null when there is none. */
public final class LockState {
  public static final String LOCK = "registrish.lock.json";

  private LockState() {}

  public static String of(ObjectStore store, String prefix) {
    try {
      byte[] bytes = store.get(prefix + LOCK).orElse(null);
      return bytes == null ? null : Json.MAPPER.readValue(bytes, LockTemplate.class).state;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
