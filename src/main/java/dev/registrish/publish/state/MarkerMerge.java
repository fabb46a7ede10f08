package dev.registrish.publish.state;

import dev.registrish.tree.RegistryKey;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Merges what a run records into the marker as it is now, repository by repository: the run's own
 * repositories take its records, every other keeps what other runs (shards) recorded meanwhile.
 */
final class MarkerMerge {
  private MarkerMerge() {}

  static MarkerTemplate of(MarkerTemplate current, MarkerTemplate planned, Predicate<String> ownRepository) {
    if (current == null) {
      return planned.copy();
    }
    MarkerTemplate m = planned.copy();
    m.generation = Math.max(current.generation, planned.generation);
    m.tags = merge(current.tags, planned.tags, k -> k.substring(0, k.lastIndexOf(':')), ownRepository);
    m.unreferenced = merge(current.unreferenced, planned.unreferenced, MarkerMerge::repositoryOfKey, ownRepository);
    m.manifests = merge(current.manifests, planned.manifests, k -> k.substring(0, k.lastIndexOf('@')), ownRepository);
    m.owners = merge(current.owners, planned.owners, k -> k, ownRepository);
    return m;
  }

  private static String repositoryOfKey(String key) {
    RegistryKey k = RegistryKey.parse(key);
    return k == null ? null : k.repository();
  }

  private static <V> TreeMap<String, V> merge(TreeMap<String, V> current, TreeMap<String, V> planned,
      Function<String, String> repositoryOf, Predicate<String> own) {
    TreeMap<String, V> out = new TreeMap<>();
    current.forEach((k, v) -> {
      String repo = repositoryOf.apply(k);
      if (repo == null || !own.test(repo)) {
        out.put(k, v);
      }
    });
    planned.forEach((k, v) -> {
      String repo = repositoryOf.apply(k);
      if (repo == null || own.test(repo)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
