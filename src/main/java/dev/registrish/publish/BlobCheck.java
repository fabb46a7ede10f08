package dev.registrish.publish;

import dev.registrish.publish.plan.Action;
import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.plan.PlannedAction;
import dev.registrish.publish.run.Parallel;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Hashes every blob file a plan sends, before the first write: a mismatch stops the run with nothing written. */
final class BlobCheck {
  /** Keys already hashed, so that a re-plan under the lock hashes only what is new. */
  private final Set<String> checked = ConcurrentHashMap.newKeySet();

  void check(Plan plan) throws InvalidTreeException, InterruptedException {
    List<TreeObject> blobs = new ArrayList<>();
    for (PlannedAction a : plan.actions()) {
      boolean sends = a.action() == Action.UPLOAD || a.action() == Action.REPLACE;
      if (sends && a.local().kind() == Kind.BLOB && a.local().file() != null && !checked.contains(a.key())) {
        blobs.add(a.local());
      }
    }
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    Parallel.each(blobs, Runtime.getRuntime().availableProcessors(), "registrish-hash", o -> {
      String problem = TreeValidator.checkBlob(new BlobFile(o.file(), o.size(), o.digest()));
      if (problem != null) {
        problems.add(problem);
      } else {
        checked.add(o.path());
      }
    });
    if (!problems.isEmpty()) {
      Collections.sort(problems);
      throw new InvalidTreeException(problems);
    }
  }
}
