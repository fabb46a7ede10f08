package dev.registrish.publish.state;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import java.util.Optional;

/** Finds another run's live lock whose scope overlaps a run's: the reason that run must not go on. */
final class Overlaps {
  private Overlaps() {}

  /** Why {@code scope} may not go on beside another live lock under {@code prefix}, or null when it may. */
  static String find(ObjectStore store, String prefix, String mine, LockScope scope, LockOptions options) {
    for (RemoteObject other : store.list(prefix + "registrish.lock.")) {
      if (other.key().equals(mine) || !other.key().endsWith(".json")) {
        continue;
      }
      Optional<LockView> seen = BucketLock.read(store, other.key());
      if (seen.isEmpty() || seen.get().held == null || seen.get().held.released()) {
        continue;
      }
      LockView v = seen.get();
      boolean live = v.takeOverReason(new LockOptions(options.timeout(), options.waitFor(), false, options.conditionalWrites())) == null;
      if (live && scope.overlaps(v.held.scope, v.held.repositories)) {
        return "another run writes repositories this one would: " + v.lockedMessage(other.key(), options)
            + (v.held.scope == null || v.held.scope.isEmpty() ? " (it holds the whole bucket)"
            : " (its shard: --repository " + String.join(" --repository ", v.held.scope) + ")");
      }
    }
    return null;
  }
}
