package dev.registrish.sync;

/** A publish's plan, what the run did (null for a dry run or when nothing was to be done), and the report. */
public record PublishOutcome(Plan plan, ExecutionResult result, PublishReport report) {

  /** Whether everything planned was done and nothing is corrupt. */
  public boolean succeeded() {
    return (result == null || result.failures().isEmpty()) && !plan.counts().containsKey(Action.CORRUPT)
        && !plan.deleteLimitExceeded();
  }
}
