package dev.registrish.publish.run;

/**
 * What a run tells while it writes: its totals once the plan is final, then each object written and the
 * bytes as they are sent (from several threads at once).
 */
public interface RunProgress {
  /** The writes begin: {@code objects} to write or delete, {@code bytes} to send. */
  void started(int objects, long bytes);

  /** {@code objects} more were written or deleted. */
  void written(int objects);

  /** {@code bytes} more were sent. */
  void sent(long bytes);
}
