package dev.registrish.publish.plan;

import dev.registrish.publish.state.MarkerTemplate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of planning: one action per key, the marker to write afterwards, and whether the
 * deletions were held back (by --max-delete, or refused by the scope's guard).
 *
 * @param wantedDeletes how many deletions the source asked for (more than were planned when over the limit)
 * @param refused why the deletes may not run at all (every tag of the scope, or more than the share), or null
 * @param newlyUnreferenced keys whose grace period starts when this run ends
 */
public record Plan(List<PlannedAction> actions, MarkerTemplate marker, boolean markerChanged, int wantedDeletes,
    boolean deleteLimitExceeded, String refused, Set<String> newlyUnreferenced) {

  /** The same plan, its marker now {@code changed} or not (after a source recorded its own state in it). */
  public Plan withMarkerChanged(boolean changed) {
    return new Plan(actions, marker, changed, wantedDeletes, deleteLimitExceeded, refused, newlyUnreferenced);
  }

  /** Count of actions per kind. */
  public Map<Action, Integer> counts() {
    Map<Action, Integer> out = new EnumMap<>(Action.class);
    actions.forEach(a -> out.merge(a.action(), 1, Integer::sum));
    return out;
  }

  /** Whether executing the plan writes anything (objects or the marker). */
  public boolean hasWrites() {
    return markerChanged || actions.stream().anyMatch(a -> a.action().writes());
  }
}
