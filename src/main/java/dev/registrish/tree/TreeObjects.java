package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every object a tree publishes, with its headers: blobs, manifests by digest, tags, and the
 * derived documents ({@code v2/} ping, each repository's {@code tags/list}, optionally {@code _catalog}).
 * The one list that publish, the static-host configs and serve all work from.
 */
public final class TreeObjects {
  public static final String PING_KEY = "v2/";
  public static final String CATALOG_KEY = "v2/_catalog";

  private TreeObjects() {}

  /** All objects of the tree, sorted by key; the catalog lists {@code catalogRepositories} when non-null. */
  public static List<TreeObject> of(Tree tree, HeaderRules rules, Collection<String> catalogRepositories) {
    List<TreeObject> out = new ArrayList<>();
    byte[] ping = "{}".getBytes(StandardCharsets.UTF_8);
    out.add(derived(PING_KEY, ObjectKind.PING, null, ping, rules));
    for (RepositoryTree repo : tree.repositories().values()) {
      String base = "v2/" + repo.name() + "/";
      for (BlobFile blob : repo.blobs().values()) {
        out.add(new TreeObject(base + "blobs/" + blob.digest(), ObjectKind.BLOB, repo.name(), blob.size(),
            blob.path(), null, blob.digest(), null, rules.blob(blob.digest())));
      }
      for (Map.Entry<String, ManifestFile> e : repo.manifests().entrySet()) {
        var m = e.getValue().manifest();
        out.add(new TreeObject(base + "manifests/" + e.getKey(), ObjectKind.MANIFEST, repo.name(), m.bytes().length,
            null, m.bytes(), m.digest(), m, rules.manifestByDigest(m)));
      }
      for (Map.Entry<String, ManifestFile> e : repo.tags().entrySet()) {
        var m = e.getValue().manifest();
        out.add(new TreeObject(base + "manifests/" + e.getKey(), ObjectKind.TAG, repo.name(), m.bytes().length,
            null, m.bytes(), m.digest(), m, rules.tag(m)));
      }
      out.add(derived(base + "tags/list", ObjectKind.TAGS_LIST, repo.name(), tagsList(repo), rules));
    }
    if (catalogRepositories != null) {
      out.add(derived(CATALOG_KEY, ObjectKind.CATALOG, null, catalog(catalogRepositories), rules));
    }
    out.sort(null);
    return out;
  }

  /** {@code objects} (sorted, without a catalog) with the catalog listing {@code repositories} in its place. */
  public static List<TreeObject> withCatalog(List<TreeObject> objects, HeaderRules rules, Collection<String> repositories) {
    TreeObject catalog = derived(CATALOG_KEY, ObjectKind.CATALOG, null, catalog(repositories), rules);
    List<TreeObject> out = new ArrayList<>(objects.size() + 1);
    out.addAll(objects);
    int at = java.util.Collections.binarySearch(out, catalog);
    out.add(at < 0 ? -at - 1 : at, catalog);
    return out;
  }

  private static TreeObject derived(String key, ObjectKind kind, String repo, byte[] bytes, HeaderRules rules) {
    return new TreeObject(key, kind, repo, bytes.length, null, bytes, Digest.sha256(bytes), null, rules.derived());
  }

  /** {@code {"name":..,"tags":[..]}} for one repository, tags sorted. */
  public static byte[] tagsList(RepositoryTree repo) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", repo.name());
    doc.put("tags", new ArrayList<>(repo.tags().keySet()));
    return write(doc);
  }

  /** {@code {"repositories":[..]}}, sorted. */
  public static byte[] catalog(Collection<String> repositories) {
    return write(Map.of("repositories", repositories.stream().sorted().distinct().toList()));
  }

  private static byte[] write(Object doc) {
    try {
      return Json.MAPPER.writeValueAsBytes(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
