package dev.registrish.publish.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The marker object beside {@code v2/}: it says the bucket is published by registrish, with which
 * header policy, which digest each tag had, since when each unreferenced object has been unreferenced,
 * the generation of the last run that wrote, and when a run last succeeded. Rewritten by every run that
 * writes, and by a run with nothing to write at most once a day ({@link RunMarker}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class MarkerTemplate {
  public int version = 1;
  /** {@link dev.registrish.tree.HeaderRules#fingerprint()} plus the ACL, at the last publish. */
  public String headerPolicy;
  /** {@code repo:tag} to the digest it pointed to at the last publish. */
  public TreeMap<String, String> tags = new TreeMap<>();
  /** Key to the time (epoch millis) it was first found unreferenced. */
  public TreeMap<String, Long> unreferenced = new TreeMap<>();
  /** Raised by every run that writes, before its first write: a plan made at another generation no longer holds. */
  public long generation;
  /** When the last successful publish ran, by the store's clock (ISO-8601). */
  public String lastRun;
  /** When a run last proved that the store honours conditional writes, by the store's clock (ISO-8601). */
  public String conditionalWritesVerified;

  /** A copy, so a plan can compute the next marker without touching the current one. */
  public MarkerTemplate copy() {
    MarkerTemplate m = new MarkerTemplate();
    m.version = version;
    m.headerPolicy = headerPolicy;
    m.tags = new TreeMap<>(tags);
    m.unreferenced = new TreeMap<>(unreferenced);
    m.generation = generation;
    m.lastRun = lastRun;
    m.conditionalWritesVerified = conditionalWritesVerified;
    return m;
  }

  /** Equal when they record the same state of the bucket; the times of past runs and checks do not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MarkerTemplate m && version == m.version && Objects.equals(headerPolicy, m.headerPolicy)
        && tags.equals(m.tags) && unreferenced.equals(m.unreferenced) && generation == m.generation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(headerPolicy, tags, unreferenced, generation);
  }
}
