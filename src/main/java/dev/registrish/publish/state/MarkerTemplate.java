package dev.registrish.publish.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
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
  /**
   * Manifests a mirror published, by {@code repo@digest}: their media type and what they reference, so that
   * a later run knows an image's content without reading it again.
   */
  public TreeMap<String, ManifestRecord> manifests = new TreeMap<>();
  /** Repository to the scope that owns it ({@code mirror:<file>}); a publish's repositories are not listed. */
  public TreeMap<String, String> owners = new TreeMap<>();
  /** Mirrored image (upstream name) to how many runs in a row it has failed. */
  public TreeMap<String, Integer> failing = new TreeMap<>();

  /**
   * A published manifest's media type and the digests it references (index children, config and layers);
   * for an index published without some platforms, the children left out, digest to platform.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ManifestRecord(String type, List<String> refs, Map<String, String> omitted) {
    public ManifestRecord {
      refs = refs == null ? List.of() : List.copyOf(refs);
      omitted = omitted == null ? Map.of() : Map.copyOf(omitted);
    }
  }

  /** Raised by every run that writes, before its first write: a plan made at another generation no longer holds. */
  public long generation;
  /** When the last successful publish ran, by the store's clock (ISO-8601). */
  public String lastRun;
  /**
   * When the last successful run's last write landed, by the store's clock (ISO-8601): an object listed as
   * written later was written by another tool, and its headers are checked.
   */
  public String writtenUntil;
  /** When a run last proved that the store honours conditional writes, by the store's clock (ISO-8601). */
  public String conditionalWritesVerified;

  /** A copy, so a plan can compute the next marker without touching the current one. */
  public MarkerTemplate copy() {
    MarkerTemplate m = new MarkerTemplate();
    m.version = version;
    m.headerPolicy = headerPolicy;
    m.tags = new TreeMap<>(tags);
    m.unreferenced = new TreeMap<>(unreferenced);
    m.manifests = new TreeMap<>(manifests);
    m.owners = new TreeMap<>(owners);
    m.failing = new TreeMap<>(failing);
    m.generation = generation;
    m.lastRun = lastRun;
    m.writtenUntil = writtenUntil;
    m.conditionalWritesVerified = conditionalWritesVerified;
    return m;
  }

  /** Equal when they record the same state of the bucket; the times of past runs and checks do not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MarkerTemplate m && version == m.version && Objects.equals(headerPolicy, m.headerPolicy)
        && tags.equals(m.tags) && unreferenced.equals(m.unreferenced) && manifests.equals(m.manifests)
        && owners.equals(m.owners) && failing.equals(m.failing) && generation == m.generation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(headerPolicy, tags, unreferenced, manifests, owners, failing, generation);
  }
}
