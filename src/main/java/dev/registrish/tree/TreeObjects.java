package dev.registrish.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.oci.RawManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every object a tree publishes, with its headers: blobs, manifests by digest, tags, and the
 * derived documents ({@code v2/} ping, each repository's {@code tags/list} and {@link Referrers} documents,
 * optionally {@code _catalog}). Referrers fallback tags are derived, so {@code tags/list} leaves them out.
 * The one list that publish, the static-host configs and serve all work from.
 */
public final class TreeObjects {
  private TreeObjects() {}

  /** All objects of the tree, sorted by key; the catalog lists {@code catalogRepositories} when non-null. */
  public static List<TreeObject> of(Tree tree, HeaderRules rules, Collection<String> catalogRepositories) {
    List<TreeObject> out = new ArrayList<>();
    out.add(ping(rules));
    for (RepositoryTree repo : tree.repositories().values()) {
      String name = repo.name();
      for (BlobFile blob : repo.blobs().values()) {
        out.add(new TreeObject(RegistryKey.blob(name, blob.digest()), blob.size(), Content.of(blob.path()), blob.digest(), null,
            rules.blob(blob.digest())));
      }
      Set<String> manifests = new HashSet<>();
      for (ManifestFile mf : repo.manifests().values()) {
        RawManifest m = mf.manifest();
        RegistryKey key = RegistryKey.manifest(name, m.digest());
        manifests.add(key.path());
        out.add(new TreeObject(key, m.bytes().length, Content.of(m.bytes()), m.digest(), m, rules.manifestByDigest(m)));
      }
      List<String> tags = new ArrayList<>();
      for (Map.Entry<String, ManifestFile> e : repo.tags().entrySet()) {
        RawManifest m = e.getValue().manifest();
        RegistryKey key = RegistryKey.tag(name, e.getKey());
        if (key.kind() == RegistryKey.Kind.TAG) { // a fallback tag the tree holds is replaced by its referrers index
          tags.add(e.getKey());
          out.add(new TreeObject(key, m.bytes().length, Content.of(m.bytes()), m.digest(), m, rules.tag(m)));
        }
      }
      for (TreeObject o : Referrers.of(repo).objects(rules)) {
        if (!manifests.contains(o.path())) {
          out.add(o);
        }
      }
      out.add(tagsList(name, tags, rules));
    }
    if (catalogRepositories != null) {
      out.add(derived(RegistryKey.catalog(), catalog(catalogRepositories), rules));
    }
    out.sort(null);
    return out;
  }

  /** {@code objects} (sorted, without a catalog) with the catalog listing {@code repositories} in its place. */
  public static List<TreeObject> withCatalog(List<TreeObject> objects, HeaderRules rules, Collection<String> repositories) {
    TreeObject catalog = derived(RegistryKey.catalog(), catalog(repositories), rules);
    List<TreeObject> out = new ArrayList<>(objects.size() + 1);
    out.addAll(objects);
    int at = Collections.binarySearch(out, catalog);
    out.add(at < 0 ? -at - 1 : at, catalog);
    return out;
  }

  private static TreeObject derived(RegistryKey key, byte[] bytes, HeaderRules rules) {
    Digest digest = Digest.sha256(bytes);
    return new TreeObject(key, bytes.length, Content.of(bytes), digest, null, rules.derived(digest));
  }

  /** The {@code v2/} ping: {@code {}}. */
  public static TreeObject ping(HeaderRules rules) {
    return derived(RegistryKey.ping(), "{}".getBytes(StandardCharsets.UTF_8), rules);
  }

  /** A repository's {@code tags/list}: {@code {"name":..,"tags":[..]}}, tags sorted. */
  public static TreeObject tagsList(String repository, Collection<String> tags, HeaderRules rules) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", repository);
    doc.put("tags", tags.stream().sorted().toList());
    return derived(RegistryKey.tagsList(repository), write(doc), rules);
  }

  /** {@code {"repositories":[..]}}, sorted. */
  public static byte[] catalog(Collection<String> repositories) {
    return write(Map.of("repositories", repositories.stream().sorted().distinct().toList()));
  }

  private static byte[] write(Object doc) {
    try {
      return Json.MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
