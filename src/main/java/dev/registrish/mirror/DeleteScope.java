package dev.registrish.mirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repositories a mirror run may delete in: those of images whose gone tags are proven gone, and those this
 * mirror file owns but no longer lists. With {@code --delete}, a share guard stops the run when it would delete
 * more than half of a repository's tags, unless {@code --force-delete}.
 */
final class DeleteScope {
  private DeleteScope() {}

  static Set<String> of(List<ImageResult> results, BucketContents bucket, MirrorOptions options, List<String> notes) {
    Set<String> deletable = new TreeSet<>();
    Map<String, Set<String>> keep = new HashMap<>();
    Set<String> listed = new TreeSet<>();
    for (ImageResult r : results) {
      listed.add(r.image().target());
      if (r.succeeded() && r.deletesProven()) {
        deletable.add(r.image().target());
        keep.put(r.image().target(), r.content().tags.keySet());
      }
    }
    for (Map.Entry<String, String> o : bucket.marker().owners.entrySet()) {
      String repository = o.getKey();
      if (o.getValue().equals(options.owner()) && !listed.contains(repository) && bucket.holds(repository)) {
        if (options.delete()) {
          deletable.add(repository);
        } else {
          notes.add(repository + ": no longer in the mirror file; kept (--delete --force-delete removes it)");
        }
      }
    }
    if (options.delete() && !options.forceDelete()) {
      guard(deletable, keep, bucket);
    }
    return deletable;
  }

  /** Throws when a repository would lose more than half of the tags it holds. */
  private static void guard(Set<String> deletable, Map<String, Set<String>> keep, BucketContents bucket) {
    List<String> refused = new ArrayList<>();
    for (String repository : deletable) {
      Set<String> held = bucket.tags(repository);
      Set<String> gone = new TreeSet<>(held);
      gone.removeAll(keep.getOrDefault(repository, Set.of()));
      if (gone.size() * 2 > held.size()) {
        refused.add(repository + ": " + gone.size() + " of its " + held.size() + " tags (" + String.join(", ", gone) + ")");
      }
    }
    if (!refused.isEmpty()) {
      throw new DeleteGuardException("--delete would delete more than half of the tags of " + String.join("; ", refused)
          + ". Nothing was written. Check the mirror file, or run again with --force-delete to delete them.");
    }
  }
}
