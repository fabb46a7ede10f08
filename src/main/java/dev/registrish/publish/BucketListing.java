package dev.registrish.publish;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.RegistryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The bucket's objects under the prefix's {@code v2/}, with keys relative to the prefix. */
final class BucketListing {
  private BucketListing() {}

  /** Lists the prefix's {@code v2/}; {@code expectedKeys} (relative, sorted) choose where the listing splits. */
  static List<RemoteObject> list(ObjectStore store, String prefix, Supplier<List<String>> expectedKeys) {
    if (prefix.isEmpty()) {
      return store.list(RegistryKey.ROOT, expectedKeys);
    }
    List<RemoteObject> listing = new ArrayList<>();
    for (RemoteObject r : store.list(prefix + RegistryKey.ROOT, () -> expectedKeys.get().stream().map(k -> prefix + k).toList())) {
      listing.add(r.withKey(r.key().substring(prefix.length())));
    }
    return listing;
  }
}
