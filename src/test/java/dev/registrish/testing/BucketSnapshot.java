package dev.registrish.testing;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import java.util.Map;
import java.util.TreeMap;

/** What a bucket serves, for comparing two buckets: every key with its ETag and Content-Type. */
public final class BucketSnapshot {
  private BucketSnapshot() {}

  /** Key to "etag content-type" for every object under {@code prefix}. */
  public static Map<String, String> of(ObjectStore store, String prefix) {
    Map<String, String> out = new TreeMap<>();
    for (RemoteObject o : store.list(prefix)) {
      String type = store.head(o.key()).map(RemoteHead::contentType).orElse("(gone)");
      out.put(o.key(), o.etag() + " " + type);
    }
    return out;
  }
}
