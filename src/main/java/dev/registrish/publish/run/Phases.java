package dev.registrish.publish.run;

import dev.registrish.publish.plan.Action;
import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.plan.PlannedAction;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders a plan's writes so every pull works at every instant: blobs, copied blobs, manifests by
 * digest (children before the indexes that list them), tags, derived documents (referrers indexes and their
 * fallback tags after every artifact they list); then deletes (tags and derived documents, manifests, blobs).
 */
final class Phases {
  private Phases() {}

  static List<List<PlannedAction>> of(Plan plan) {
    List<PlannedAction> blobs = new ArrayList<>();
    List<PlannedAction> copies = new ArrayList<>();
    Map<String, PlannedAction> manifests = new HashMap<>();
    List<PlannedAction> tags = new ArrayList<>();
    List<PlannedAction> derived = new ArrayList<>();
    List<PlannedAction> deleteNamed = new ArrayList<>();
    List<PlannedAction> deleteManifests = new ArrayList<>();
    List<PlannedAction> deleteBlobs = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      if (!a.action().writes()) {
        continue;
      }
      if (a.action() == Action.DELETE) {
        RegistryKey key = RegistryKey.parse(a.key());
        Kind kind = key == null ? null : key.kind();
        (kind == Kind.BLOB ? deleteBlobs : kind == Kind.MANIFEST ? deleteManifests : deleteNamed).add(a);
        continue;
      }
      switch (a.local().kind()) {
        case BLOB -> (a.action() == Action.COPY ? copies : blobs).add(a);
        case MANIFEST -> manifests.put(a.key(), a);
        case TAG -> tags.add(a);
        // referrers documents and fallback tags come after every manifest they list
        default -> derived.add(a);
      }
    }
    List<List<PlannedAction>> phases = new ArrayList<>();
    phases.add(blobs);
    phases.add(copies);
    phases.addAll(byLevel(manifests));
    phases.add(tags);
    phases.add(derived);
    phases.add(deleteNamed);
    phases.add(deleteManifests);
    phases.add(deleteBlobs);
    phases.removeIf(List::isEmpty);
    return phases;
  }

  /** Groups manifests by depth: image manifests first, then indexes of them, then indexes of indexes. */
  private static List<List<PlannedAction>> byLevel(Map<String, PlannedAction> manifests) {
    TreeMap<Integer, List<PlannedAction>> levels = new TreeMap<>();
    Map<String, Integer> memo = new HashMap<>();
    for (PlannedAction a : manifests.values()) {
      levels.computeIfAbsent(level(a.local(), manifests, memo, 0), k -> new ArrayList<>()).add(a);
    }
    return new ArrayList<>(levels.values());
  }

  private static int level(TreeObject o, Map<String, PlannedAction> manifests, Map<String, Integer> memo, int depth) {
    Integer known = memo.get(o.path());
    if (known != null) {
      return known;
    }
    int level = 0;
    if (depth < 16) {
      for (DescriptorTemplate child : o.manifest().children()) {
        PlannedAction c = manifests.get(RegistryKey.manifest(o.repository(), Digest.parse(child.digest)).path());
        if (c != null && c.local().kind() == Kind.MANIFEST) {
          level = Math.max(level, 1 + level(c.local(), manifests, memo, depth + 1));
        }
      }
    }
    memo.put(o.path(), level);
    return level;
  }
}
