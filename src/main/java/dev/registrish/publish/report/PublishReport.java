package dev.registrish.publish.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.registrish.tree.RegistryKey;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a publish planned or did, grouped by image, with counts per action; the JSON report is this
 * record as it is, after its {@code schemaVersion} (README, "Reports").
 *
 * @param summary count of keys per action (upload, copy, replace, fix-metadata, corrupt, delete, wait, extra, unchanged)
 * @param changes every action other than unchanged, with its key and reason
 * @param failures one line per failed key (empty on success)
 * @param notDone keys the run was to write but did not, failed or never started (a rerun sends them)
 * @param problem why the run did not succeed, in one line; null when it did
 * @param refused why nothing was written although the plan had writes (its deletes were refused), or null
 */
public record PublishReport(String bucket, String prefix, boolean dryRun, List<ImageChange> images,
    Map<String, Integer> summary, long bytes, List<Change> changes, List<String> failures, List<String> notDone, List<String> notes,
    Map<String, Long> requests, String problem, String refused) {
  /** The version of the JSON report's layout ({@code schemaVersion}); raised when a field changes meaning or goes away. */
  public static final int SCHEMA_VERSION = 1;

  private static final Set<String> PURGED = Set.of("upload", "copy", "replace", "fix-metadata", "delete");

  /** One key's action. */
  public record Change(String action, String key, long bytes, String reason) {}

  /** The same report with other image rows, notes and problem (a source that knows more of its images says so). */
  public PublishReport withImages(List<ImageChange> newImages, List<String> newNotes, String newProblem) {
    return new PublishReport(bucket, prefix, dryRun, newImages, summary, bytes, changes, failures, notDone, newNotes, requests,
        newProblem, refused);
  }

  /** Whether everything planned was done and nothing is corrupt. */
  public boolean succeeded() {
    return problem == null;
  }

  /**
   * The paths (prefix included) a CDN in front of the bucket may still serve stale: every tag, tag list, referrers
   * document and catalog this run wrote, fixed or deleted, for a purge by URL. Blobs and manifests by digest never
   * change, so they are never listed.
   */
  @JsonProperty("purge")
  public List<String> purge() {
    return changes.stream().filter(c -> PURGED.contains(c.action())).map(Change::key)
        .filter(k -> {
          RegistryKey key = RegistryKey.parse(k);
          return key != null && !key.kind().contentAddressed();
        })
        .map(k -> prefix == null || prefix.isEmpty() ? k : prefix.replaceAll("/+$", "") + "/" + k).toList();
  }

  /** Whether the plan changes anything in the bucket. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> !c.action().equals("extra") && !c.action().equals("wait"));
  }
}
