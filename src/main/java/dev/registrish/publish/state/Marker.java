package dev.registrish.publish.state;

import dev.registrish.oci.Json;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Upload;
import java.io.IOException;
import java.util.Map;

/** Reads and writes the marker object ({@link MarkerTemplate}) beside {@code v2/}. */
public final class Marker {
  private Marker() {}

  public static String key(String prefix) {
    return prefix + "registrish.marker.json";
  }

  /** The marker, or null when the bucket has none (not yet published by registrish) or it is unreadable. */
  public static MarkerTemplate read(ObjectStore store, String prefix) {
    byte[] bytes = store.get(key(prefix)).orElse(null);
    if (bytes == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(bytes, MarkerTemplate.class);
    } catch (IOException e) {
      return null;
    }
  }

  public static void write(ObjectStore store, String prefix, MarkerTemplate marker) {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    store.put(Upload.of(key(prefix), bytes, "application/json", "no-store", Map.of()));
  }
}
