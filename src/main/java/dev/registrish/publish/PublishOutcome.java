package dev.registrish.publish;

import dev.registrish.publish.plan.Action;
import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.run.ExecutionResult;

/** A publish's plan, what the run did (null for a dry run or when nothing was to be done), and the report. */
public record PublishOutcome(Plan plan, ExecutionResult result, PublishReport report) {

  /** Whether everything planned was done and nothing is corrupt. */
  public boolean succeeded() {
    return (result == null || result.failures().isEmpty()) && !plan.counts().containsKey(Action.CORRUPT)
        && !plan.deleteLimitExceeded();
  }

  /** Why the publish did not succeed, in one line (null when it did). */
  public String problem() {
    if (result != null && !result.failures().isEmpty()) {
      int n = report.notDone().size();
      String first = result.failures().get(0);
      return n == 0 ? first : n + (n == 1 ? " object was" : " objects were")
          + " not written (every tag already published stays pullable; rerun to finish); first: " + first;
    }
    if (plan.counts().containsKey(Action.CORRUPT)) {
      return plan.counts().get(Action.CORRUPT) + " corrupt objects in the bucket (wrong size): rerun with --repair to replace them";
    }
    if (plan.deleteLimitExceeded()) {
      return plan.wantedDeletes() + " deletions exceed --max-delete: nothing was deleted";
    }
    return null;
  }
}
