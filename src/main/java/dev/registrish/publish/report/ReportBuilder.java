package dev.registrish.publish.report;

import dev.registrish.publish.plan.Action;
import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.plan.PlannedAction;
import dev.registrish.publish.run.RunResult;
import dev.registrish.publish.state.MarkerTemplate;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link PublishReport} from a plan (and, after a run, its result). */
public final class ReportBuilder {
  private ReportBuilder() {}

  public static PublishReport of(String bucket, String prefix, Plan plan, MarkerTemplate before, RunResult result,
      boolean dryRun, List<String> notes, Map<String, Long> requests) {
    Map<String, PlannedAction> byKey = new HashMap<>();
    plan.actions().forEach(a -> byKey.put(a.key(), a));
    List<ImageChange> images = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      if (a.local() != null && a.local().kind() == Kind.TAG) {
        images.add(image(a, before, byKey));
      } else if (a.local() == null && isTag(a.key())) {
        RegistryKey k = RegistryKey.parse(a.key());
        String repo = k.repository();
        String tag = k.reference();
        String from = before == null ? null : before.tags.get(repo + ":" + tag);
        images.add(new ImageChange(repo, tag, a.action() == Action.DELETE ? "removed" : "kept", from, null, 0, 0));
      }
    }
    Map<String, Integer> summary = new LinkedHashMap<>();
    for (Action action : Action.values()) {
      summary.put(name(action), plan.counts().getOrDefault(action, 0));
    }
    List<PublishReport.Change> changes = plan.actions().stream().filter(a -> a.action() != Action.UNCHANGED)
        .map(a -> new PublishReport.Change(name(a.action()), a.key(), a.bytesSent(), a.reason())).toList();
    long bytes = result != null ? result.bytesSent() : plan.actions().stream().mapToLong(PlannedAction::bytesSent).sum();
    List<String> notDone = result == null ? List.of() : plan.actions().stream()
        .filter(a -> a.action().writes() && !result.isDone(a.key())).map(PlannedAction::key).toList();
    List<String> failures = result == null ? List.of() : result.failures();
    return new PublishReport(bucket, prefix, dryRun, images, summary, bytes, changes, failures, notDone, notes, requests,
        plan.refused() != null ? plan.refused() : problem(plan, failures, notDone.size()), plan.refused());
  }

  /** Why the publish did not succeed, in one line; null when it did. */
  private static String problem(Plan plan, List<String> failures, int notDone) {
    if (!failures.isEmpty()) {
      int n = notDone;
      return n == 0 ? failures.get(0) : n + (n == 1 ? " object was" : " objects were") + " not written (every tag already"
          + " published stays pullable; rerun to finish); first: " + failures.get(0);
    }
    Integer corrupt = plan.counts().get(Action.CORRUPT);
    if (corrupt != null) {
      return corrupt + " corrupt objects in the bucket (wrong size): rerun with --repair to replace them";
    }
    if (plan.deleteLimitExceeded()) {
      return plan.wantedDeletes() + " deletions exceed --max-delete: nothing was deleted";
    }
    return null;
  }

  static String name(Action a) {
    return a.name().toLowerCase().replace('_', '-');
  }

  private static boolean isTag(String key) {
    RegistryKey k = RegistryKey.parse(key);
    return k != null && k.kind() == Kind.TAG;
  }

  private static ImageChange image(PlannedAction tag, MarkerTemplate before, Map<String, PlannedAction> byKey) {
    TreeObject t = tag.local();
    String from = before == null ? null : before.tags.get(t.repository() + ":" + t.tag());
    String to = t.digest().toString();
    String status = switch (tag.action()) {
      case UPLOAD -> "new";
      case REPLACE -> "updated";
      default -> from != null && !from.equals(to) ? "updated" : "unchanged";
    };
    if (status.equals("new") && from != null) {
      status = "updated";
    }
    int objects = 0;
    long bytes = 0;
    Set<String> seen = new HashSet<>();
    List<TreeObject> queue = new ArrayList<>(List.of(t));
    while (!queue.isEmpty()) {
      TreeObject m = queue.remove(queue.size() - 1);
      if (m.manifest() == null) {
        continue; // its bytes are only in the bucket: it sends nothing
      }
      List<String> keys = new ArrayList<>();
      m.manifest().blobs().forEach(b -> keys.add(RegistryKey.blob(t.repository(), Digest.parse(b)).path()));
      for (DescriptorTemplate child : m.manifest().children()) {
        keys.add(RegistryKey.manifest(t.repository(), Digest.parse(child.digest)).path());
      }
      keys.add(RegistryKey.manifest(t.repository(), m.digest()).path());
      for (String k : keys) {
        PlannedAction a = byKey.get(k);
        if (a == null || !seen.add(k)) {
          continue;
        }
        if (a.action() == Action.UPLOAD || a.action() == Action.COPY || a.action() == Action.REPLACE) {
          objects++;
          bytes += a.bytesSent();
        }
        if (a.local() != null && a.local().kind() == Kind.MANIFEST && a.local() != m) {
          queue.add(a.local());
        }
      }
    }
    return new ImageChange(t.repository(), t.tag(), status, status.equals("updated") ? from : null, to, objects, bytes);
  }
}
