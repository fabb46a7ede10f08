package dev.registrish.hosting;

import dev.registrish.tree.Referrers;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a static host finds the bytes of what the tree does not hold as files: a referrers fallback tag, and the
 * fallback index by its digest, are the bytes of their subject's referrers document, which {@link HostDocuments}
 * writes to {@code v2/<repo>/referrers/<digest>} (an empty index, to {@link HostDocuments#EMPTY_REFERRERS}).
 */
final class ReferrersFiles {
  private ReferrersFiles() {}

  /** Request path (e.g. {@code /v2/app/manifests/sha256-<hex>}) to the path of the file that holds its bytes, sorted. */
  static Map<String, String> of(List<TreeObject> objects) {
    Map<String, String> documents = new HashMap<>();
    documents.put(Referrers.document(List.of()).digest().toString(), "/v2/" + HostDocuments.EMPTY_REFERRERS);
    for (TreeObject o : objects) {
      if (o.kind() == Kind.REFERRERS && !o.manifest().children().isEmpty()) {
        documents.put(o.repository() + "@" + o.digest(), "/" + o.path());
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (TreeObject o : objects) {
      if (o.kind() == Kind.REFERRERS_TAG || o.kind() == Kind.MANIFEST) {
        String file = documents.getOrDefault(o.repository() + "@" + o.digest(), documents.get(o.digest().toString()));
        if (file != null) {
          out.put("/" + o.path(), file);
        }
      }
    }
    return out;
  }

  /** Whether a referrers document is written as a file: an empty one is answered by a host rule instead. */
  static boolean written(TreeObject o) {
    return o.kind() == Kind.REFERRERS && !o.manifest().children().isEmpty();
  }
}
