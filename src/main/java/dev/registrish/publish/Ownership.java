package dev.registrish.publish;

import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.RegistryKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which repositories a run may delete in: none that the marker says another scope owns (a mirror file's
 * repositories, for a publish or another mirror file), unless {@code --force-delete} says so.
 */
final class Ownership {
  private Ownership() {}

  /** The source's delete scope, without the repositories another scope owns unless {@code force}. */
  static Predicate<String> scope(Desired want, MarkerTemplate marker, boolean force) {
    Map<String, String> owners = marker == null ? Map.of() : marker.owners;
    if (force || owners.isEmpty()) {
      return want.scope();
    }
    return key -> want.scope().test(key) && !ownedElsewhere(key, owners, want.owner());
  }

  /** A note naming the repositories whose keys a delete leaves alone because another scope owns them; null when none. */
  static String note(Desired want, List<RemoteObject> listing, MarkerTemplate marker) {
    Map<String, String> owners = marker == null ? Map.of() : marker.owners;
    Map<String, Set<String>> kept = new TreeMap<>();
    for (RemoteObject r : listing) {
      if (want.scope().test(r.key()) && ownedElsewhere(r.key(), owners, want.owner())) {
        String repository = RegistryKey.parse(r.key()).repository();
        kept.computeIfAbsent(owners.get(repository), o -> new TreeSet<>()).add(repository);
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder("deleted nothing in repositories another scope owns "
        + "(--force-delete deletes there):");
    kept.forEach((owner, repositories) -> b.append(' ').append(String.join(", ", repositories)).append(" (").append(owner)
        .append(')'));
    return b.toString();
  }

  private static boolean ownedElsewhere(String key, Map<String, String> owners, String owner) {
    RegistryKey k = RegistryKey.parse(key);
    String holder = k == null || k.repository() == null ? null : owners.get(k.repository());
    return holder != null && !Objects.equals(holder, owner);
  }
}
