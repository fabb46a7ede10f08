package dev.registrish.publish.plan;

import dev.registrish.publish.state.MarkerTemplate;

import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides, in one place, what happens to every key: a pure function of the tree's objects, the
 * bucket listing, the HEADs asked for by {@link #keysToHead}, the marker and the options.
 * Two sorted lists are paired key by key.
 */
public final class Planner {
  private Planner() {}

  /** Whether header drift must be checked by HEAD on every present object: take-over, a new policy, or --repair. */
  public static boolean checkDrift(MarkerTemplate marker, String policy, boolean repair) {
    return marker == null || !policy.equals(marker.headerPolicy) || repair;
  }

  /**
   * The keys whose HEAD the plan needs: every present object when drift is checked, else tags whose
   * ETag is not an MD5; and {@code v2/} on a store that keeps it as a folder a listing may not show.
   */
  public static List<String> keysToHead(List<TreeObject> desired, List<RemoteObject> listing, boolean checkDrift,
      boolean folderKeys) {
    List<String> out = new ArrayList<>();
    pair(desired, listing, (local, remote) -> {
      if (local != null && remote != null
          && (checkDrift || (!local.kind().contentAddressed() && !remote.etagIsMd5()))) {
        out.add(local.path());
      } else if (local != null && remote == null && folderKeys && local.kind() == Kind.PING) {
        out.add(local.path());
      }
    });
    return out;
  }

  /**
   * Plans a publish. {@code inScope} tells which remote keys this run may delete (its repositories);
   * {@code marker} is null when the bucket is not yet marked as published by registrish.
   */
  public static Plan plan(List<TreeObject> desired, List<RemoteObject> listing, Map<String, RemoteHead> heads,
      MarkerTemplate marker, String policy, PlanOptions options, Predicate<String> inScope) {
    MarkerTemplate current = marker == null ? new MarkerTemplate() : marker;
    MarkerTemplate next = current.copy();
    next.headerPolicy = policy;
    boolean drift = checkDrift(marker, policy, options.repair());
    long now = options.now().toEpochMilli();

    Decisions decisions = new Decisions(desired, listing, drift, options);
    List<PlannedAction> actions = new ArrayList<>();
    List<PlannedAction> deletes = new ArrayList<>();
    pair(desired, listing, (local, remote) -> {
      if (local != null) {
        next.unreferenced.remove(local.path());
        actions.add(decisions.decide(local, remote, heads.get(local.path())));
        if (local.kind() == Kind.TAG) {
          next.tags.put(local.repository() + ":" + local.tag(), local.digest().toString());
        }
        return;
      }
      RegistryKey rk = RegistryKey.parse(remote.key());
      if (!inScope.test(remote.key())) {
        return;
      }
      if (!options.delete()) {
        actions.add(new PlannedAction(Action.EXTRA, remote.key(), null, remote, null, "not in the tree (kept: no --delete)"));
        return;
      }
      if (rk == null || !rk.kind().graced() || options.grace().isZero()) {
        deletes.add(new PlannedAction(Action.DELETE, remote.key(), null, remote, null, "not in the tree"));
        return;
      }
      Long since = current.unreferenced.get(remote.key());
      if (since == null) {
        next.unreferenced.put(remote.key(), now);
        actions.add(new PlannedAction(Action.WAIT, remote.key(), null, remote, null, "unreferenced from now; deleted after the grace period"));
      } else if (now - since >= options.grace().toMillis()) {
        deletes.add(new PlannedAction(Action.DELETE, remote.key(), null, remote, null, "unreferenced for longer than the grace period"));
      } else {
        actions.add(new PlannedAction(Action.WAIT, remote.key(), null, remote, null, "unreferenced since "
            + java.time.Instant.ofEpochMilli(since) + "; deleted after the grace period"));
      }
    });
    // forget tags of this run's repositories that are gone, and unreferenced keys that no longer exist
    Set<String> listed = new java.util.HashSet<>();
    listing.forEach(r -> listed.add(r.key()));
    next.unreferenced.keySet().removeIf(k -> !listed.contains(k));
    Set<String> desiredTags = new java.util.HashSet<>();
    desired.stream().filter(o -> o.kind() == Kind.TAG).forEach(o -> desiredTags.add(o.repository() + ":" + o.tag()));
    next.tags.keySet().removeIf(t -> !desiredTags.contains(t)
        && inScope.test(RegistryKey.tag(t.substring(0, t.lastIndexOf(':')), t.substring(t.lastIndexOf(':') + 1)).path()));

    boolean overLimit = deletes.size() > options.maxDelete();
    for (PlannedAction d : deletes) {
      if (overLimit) {
        actions.add(new PlannedAction(Action.EXTRA, d.key(), null, d.remote(), null,
            "kept: " + deletes.size() + " deletions exceed --max-delete " + options.maxDelete()));
      } else {
        actions.add(d);
        next.unreferenced.remove(d.key());
      }
    }
    actions.sort(java.util.Comparator.comparing(PlannedAction::key));
    return new Plan(List.copyOf(actions), next, !next.equals(marker), deletes.size(), overLimit);
  }

  /** Walks two key-sorted lists together, calling back with (local, remote), either possibly null. */
  static void pair(List<TreeObject> desired, List<RemoteObject> listing, java.util.function.BiConsumer<TreeObject, RemoteObject> each) {
    int i = 0;
    int j = 0;
    while (i < desired.size() || j < listing.size()) {
      int c = i >= desired.size() ? 1 : j >= listing.size() ? -1 : desired.get(i).path().compareTo(listing.get(j).key());
      if (c == 0) {
        each.accept(desired.get(i++), listing.get(j++));
      } else if (c < 0) {
        each.accept(desired.get(i++), null);
      } else {
        each.accept(null, listing.get(j++));
      }
    }
  }
}
