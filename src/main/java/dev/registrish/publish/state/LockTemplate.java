package dev.registrish.publish.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Set;

/**
 * The lock object's content: whose run holds it (a random token per run, and for people and for
 * {@link LockHolder}: host, pid, process start, pid namespace), whether it is held or released,
 * and how many times this run has written it, so that every write has other bytes and another ETag.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class LockTemplate {
  public static final String HELD = "held";
  public static final String RELEASED = "released";

  public String owner;
  public String token;
  public String state = HELD;
  public long writes;
  /** When the holder took the lock, by its own clock: shown to people, never used to judge an age. */
  public String started;
  public String host;
  public long pid;
  public String processStart;
  public String pidNamespace;
  /** The shard's {@code --repository} globs; empty for a run over the whole bucket. */
  public List<String> scope = List.of();
  /** The repositories the run touches. */
  public Set<String> repositories = Set.of();

  /** Whether the run that wrote it released it: the lock is free. */
  public boolean released() {
    return RELEASED.equals(state);
  }
}
