package dev.registrish.publish.run;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.publish.plan.PlannedAction;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a write needs written before it, so that a failed write holds back only what depends on it: a
 * manifest its blobs and children, a tag its manifest (or, for a source whose repositories are each one image,
 * every write of its repository), a tag list every tag of its repository, a referrers index every artifact it lists;
 * deletes wait for a run without failures.
 */
final class Dependencies {
  private Dependencies() {}

  /**
   * The key among {@code broken} (failed or held back) that {@code a} depends on, or null when it may go ahead;
   * {@code wholeRepositories}: a tag also waits for every other write of its repository.
   */
  static String brokenNeed(PlannedAction a, Set<String> broken, Set<String> brokenRepositories, boolean wholeRepositories) {
    if (broken.isEmpty()) {
      return null;
    }
    TreeObject o = a.local();
    if (o == null) {
      return "an earlier write"; // a delete: never after a failure
    }
    if (o.kind() == Kind.TAGS_LIST || o.kind() == Kind.CATALOG) {
      return o.repository() != null && brokenRepositories.contains(o.repository()) ? "a tag of " + o.repository()
          : o.kind() == Kind.CATALOG && !brokenRepositories.isEmpty() ? "a tag of " + brokenRepositories.iterator().next() : null;
    }
    if (wholeRepositories && o.kind() == Kind.TAG && brokenRepositories.contains(o.repository())) {
      return "every write of " + o.repository();
    }
    for (String need : needs(a)) {
      if (broken.contains(need)) {
        return need;
      }
    }
    return null;
  }

  private static List<String> needs(PlannedAction a) {
    TreeObject o = a.local();
    List<String> out = new ArrayList<>();
    if (a.copyFrom() != null) {
      out.add(a.copyFrom());
    }
    if (o.kind() == Kind.TAG || o.kind() == Kind.REFERRERS_TAG) {
      out.add(RegistryKey.manifest(o.repository(), o.digest()).path());
    }
    if (o.manifest() != null) {
      for (DescriptorTemplate child : o.manifest().children()) {
        out.add(RegistryKey.manifest(o.repository(), Digest.parse(child.digest)).path());
      }
      for (String blob : o.manifest().blobs()) {
        out.add(RegistryKey.blob(o.repository(), Digest.parse(blob)).path());
      }
    }
    return out;
  }
}
