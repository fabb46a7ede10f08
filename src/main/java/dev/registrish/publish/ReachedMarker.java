package dev.registrish.publish;

import dev.registrish.publish.plan.Action;
import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.plan.PlannedAction;
import dev.registrish.publish.run.RunResult;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import java.util.Set;
import java.util.TreeSet;

/**
 * The marker of a run whose writes failed in part, recording the state the bucket actually reached: the plan's
 * marker, except that a tag not written (or not deleted) keeps the digest recorded before, and a header policy
 * stays the one before, so that the next run checks headers again.
 */
final class ReachedMarker {
  private ReachedMarker() {}

  static MarkerTemplate of(MarkerTemplate before, Plan plan, RunResult result) {
    MarkerTemplate reached = plan.marker().copy();
    reached.headerPolicy = before == null ? null : before.headerPolicy;
    for (PlannedAction a : plan.actions()) {
      RegistryKey k = RegistryKey.parse(a.key());
      if (a.action().writes() && !result.isDone(a.key()) && k != null && k.kind() == Kind.TAG) {
        String tag = k.repository() + ":" + k.reference();
        String was = before == null ? null : before.tags.get(tag);
        if (was == null) {
          reached.tags.remove(tag);
        } else {
          reached.tags.put(tag, was);
        }
      }
    }
    return reached;
  }

  /** Repositories with a write (not a delete) that failed or was held back. */
  static Set<String> brokenRepositories(Plan plan, RunResult result) {
    Set<String> out = new TreeSet<>();
    if (result == null) {
      return out;
    }
    for (PlannedAction a : plan.actions()) {
      if (a.action().writes() && a.action() != Action.DELETE && !result.isDone(a.key()) && a.local().repository() != null) {
        out.add(a.local().repository());
      }
    }
    return out;
  }
}
