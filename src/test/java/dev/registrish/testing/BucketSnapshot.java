package dev.registrish.testing;

import dev.registrish.oci.Json;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a bucket serves, for comparing two buckets: every key with its ETag and Content-Type. The marker
 * counts by what it records of the bucket (header policy, tags, unreferenced objects), not by the
 * bookkeeping of the runs that wrote it (generation, times); the lock is left out ({@link LockState}).
 */
public final class BucketSnapshot {
  private static final String MARKER = "registrish.marker.json";

  private BucketSnapshot() {}

  /** The entries that differ between two snapshots, for a readable assertion message. */
  public static String diff(Map<String, String> expected, Map<String, String> actual) {
    StringBuilder b = new StringBuilder();
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      if (!Objects.equals(expected.get(k), actual.get(k))) {
        b.append(k).append(": expected ").append(expected.get(k)).append(", was ").append(actual.get(k)).append('\n');
      }
    }
    return b.toString();
  }

  private static String recorded(ObjectStore store, String key) {
    try {
      MarkerTemplate m = Json.MAPPER.readValue(store.get(key).orElseThrow(), MarkerTemplate.class);
      return "marker policy=" + m.headerPolicy + " tags=" + m.tags + " unreferenced=" + m.unreferenced;
    } catch (IOException e) {
      return "(unreadable marker)";
    }
  }

  /** Key to "etag content-type" for every object under {@code prefix}. */
  public static Map<String, String> of(ObjectStore store, String prefix) {
    Map<String, String> out = new TreeMap<>();
    for (RemoteObject o : store.list(prefix)) {
      if (o.key().endsWith(LockState.LOCK)) {
        continue;
      }
      if (o.key().endsWith(MARKER)) {
        out.put(o.key(), recorded(store, o.key()));
        continue;
      }
      // S3Proxy keeps an incomplete multipart upload as visible objects named .mpus-<id>-<key>-<part|stub>
      String type = o.key().startsWith(".mpus-") ? "(incomplete multipart upload)"
          : store.head(o.key()).map(RemoteHead::contentType).orElse("(gone)");
      out.put(o.key(), o.etag() + " " + type);
    }
    return out;
  }
}
