package dev.registrish.publish.plan;

import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what happens to listed objects the source no longer has, in the run's scope: kept without
 * {@code --delete}; tags and derived documents deleted at once; manifests and blobs after the grace
 * period, whose clock starts when the run that unreferences them ends. Guards the scope's tags: a run
 * that would delete all of them, or more than a share, is refused unless forced; more than
 * {@code --max-delete} deletions and newly unreferenced objects together hold every deletion back.
 */
final class Deletions {
  /** Scopes with fewer tags than this are not held to the share (one of two tags is half of them). */
  static final int SHARE_MIN_TAGS = 4;

  private final PlanOptions options;
  private final MarkerTemplate current;
  private final List<PlannedAction> deletes = new ArrayList<>();
  private final List<PlannedAction> waits = new ArrayList<>();
  private final Set<String> newlyUnreferenced = new LinkedHashSet<>();
  private int scopeTags;
  private int tagDeletes;

  Deletions(PlanOptions options, MarkerTemplate current) {
    this.options = options;
    this.current = current;
  }

  /** A listed tag of the scope that the source also has. */
  void keptTag() {
    scopeTags++;
  }

  /** A listed object of the scope that the source does not have. */
  void gone(RemoteObject remote, List<PlannedAction> actions) {
    RegistryKey key = RegistryKey.parse(remote.key());
    if (key != null && key.kind() == Kind.TAG) {
      scopeTags++;
      tagDeletes++;
    }
    if (!options.delete()) {
      actions.add(new PlannedAction(Action.EXTRA, remote.key(), null, remote, null, "not in the source (kept: no --delete)"));
      return;
    }
    if (key == null || !key.kind().graced() || options.grace().isZero()) {
      deletes.add(new PlannedAction(Action.DELETE, remote.key(), null, remote, null, "not in the source"));
      return;
    }
    Long since = current.unreferenced.get(remote.key());
    long now = options.now().toEpochMilli();
    if (since == null) {
      newlyUnreferenced.add(remote.key());
      waits.add(new PlannedAction(Action.WAIT, remote.key(), null, remote, null,
          "unreferenced from the end of this run; deleted after the grace period"));
    } else if (now - since >= options.grace().toMillis()) {
      deletes.add(new PlannedAction(Action.DELETE, remote.key(), null, remote, null, "unreferenced for longer than the grace period"));
    } else {
      waits.add(new PlannedAction(Action.WAIT, remote.key(), null, remote, null, "unreferenced since "
          + Instant.ofEpochMilli(since) + "; deleted after the grace period"));
    }
  }

  /** Why the deletes may not run: all of the scope's tags, or more than the share; null when they may. */
  String refusal() {
    if (!options.delete() || options.forceDelete() || tagDeletes == 0) {
      return null;
    }
    if (tagDeletes == scopeTags) {
      return "--delete would remove every tag of this run's scope: the bucket holds " + tagDeletes + " and the source none of"
          + " them (an empty tree or mirror file?); nothing was written. If that is meant, add --force-delete";
    }
    if (scopeTags >= SHARE_MIN_TAGS && tagDeletes * 100L > (long) options.maxDeleteShare() * scopeTags) {
      return "--delete would remove " + tagDeletes + " of the " + scopeTags + " tags in this run's scope, more than "
          + options.maxDeleteShare() + "% (--max-delete-share); nothing was written. If that is meant, add --force-delete";
    }
    return null;
  }

  /**
   * Adds the deletions and waits to {@code actions} and records the grace clock in {@code next}; returns
   * how many deletions and new waits were wanted when they exceed {@code --max-delete} (then every one is
   * kept, and no grace period starts), else -1.
   */
  int finish(List<PlannedAction> actions, MarkerTemplate next, boolean refused) {
    int wanted = deletes.size() + newlyUnreferenced.size();
    boolean over = wanted > options.maxDelete();
    if (over || refused) {
      String why = over ? "kept: " + wanted + " deletions exceed --max-delete " + options.maxDelete() : "kept: deletes refused";
      for (PlannedAction a : deletes) {
        actions.add(new PlannedAction(Action.EXTRA, a.key(), null, a.remote(), null, why));
      }
      for (PlannedAction w : waits) {
        actions.add(newlyUnreferenced.contains(w.key()) ? new PlannedAction(Action.EXTRA, w.key(), null, w.remote(), null, why) : w);
      }
      return over ? wanted : -1;
    }
    actions.addAll(waits);
    actions.addAll(deletes);
    deletes.forEach(d -> next.unreferenced.remove(d.key()));
    newlyUnreferenced.forEach(k -> next.unreferenced.put(k, options.now().toEpochMilli()));
    return -1;
  }

  /** Keys whose grace period starts with this run: the marker records the run's end for them. */
  Set<String> newlyUnreferenced() {
    return newlyUnreferenced;
  }

  int wanted() {
    return deletes.size();
  }
}
