package dev.registrish.publish.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.TreeMap;

/**
 * The marker object beside {@code v2/}: it says the bucket is published by registrish, with which
 * header policy, which digest each tag had, and since when each unreferenced object has been unreferenced.
 * Rewritten only when what it records changes.
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

  /** A copy, so a plan can compute the next marker without touching the current one. */
  public MarkerTemplate copy() {
    MarkerTemplate m = new MarkerTemplate();
    m.version = version;
    m.headerPolicy = headerPolicy;
    m.tags = new TreeMap<>(tags);
    m.unreferenced = new TreeMap<>(unreferenced);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarkerTemplate m && version == m.version && java.util.Objects.equals(headerPolicy, m.headerPolicy)
        && tags.equals(m.tags) && unreferenced.equals(m.unreferenced);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(headerPolicy, tags, unreferenced);
  }
}
