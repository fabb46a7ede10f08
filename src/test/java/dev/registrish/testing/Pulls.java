package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Pulls with real clients (skopeo, containerd's ctr) and compares what arrived with the local tree. */
public final class Pulls {
  private Pulls() {}

  /** Every manifest and blob digest reachable from a manifest of {@code repo} in the tree at {@code root}. */
  public static Set<String> reachable(Path root, String repo, Digest top) throws Exception {
    Set<String> out = new TreeSet<>();
    List<String> pending = new ArrayList<>(List.of(top.toString()));
    while (!pending.isEmpty()) {
      String d = pending.remove(pending.size() - 1);
      if (!out.add(d)) {
        continue;
      }
      RawManifest m = RawManifest.parse(Files.readAllBytes(root.resolve("v2/" + repo + "/manifests/" + d)));
      m.children().forEach(c -> pending.add(c.digest));
      out.addAll(m.blobs());
    }
    return out;
  }

  /**
   * {@code skopeo copy --all} of every tag into {@code dir:} folders, with digests preserved; asserts
   * that the top manifest's digest is the tag's and that exactly the reachable manifests and blobs
   * arrived, each matching its digest.
   */
  public static void skopeoCopiesEveryTag(Path skopeo, String registry, Path root, Map<String, Digest> tags, Path work)
      throws Exception {
    for (var e : tags.entrySet()) {
      String repo = e.getKey().substring(0, e.getKey().lastIndexOf(':'));
      Path out = work.resolve("skopeo-" + e.getKey().replace('/', '_').replace(':', '_'));
      Processes.ok(work, 120, List.of(skopeo.toString(), "copy", "--all", "--preserve-digests", "--src-tls-verify=false",
          "docker://" + registry + "/" + e.getKey(), "dir:" + out));
      assertEquals(e.getValue(), Digest.sha256(Files.readAllBytes(out.resolve("manifest.json"))), e.getKey() + " top manifest");
      Set<String> got = new TreeSet<>();
      got.add(e.getValue().toString());
      try (Stream<Path> files = Files.list(out)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          if (name.equals("manifest.json") || name.equals("version")) {
            continue;
          }
          String hex = name.replace(".manifest.json", "");
          assertEquals("sha256:" + hex, Digest.sha256(Files.readAllBytes(f)).toString(), e.getKey() + ": " + name);
          got.add("sha256:" + hex);
        }
      }
      assertEquals(reachable(root, repo, e.getValue()), got, e.getKey() + ": manifests and blobs copied");
    }
  }

  /** {@code ctr content fetch --all-platforms} of one image; asserts every reachable digest is in containerd's store. */
  public static void ctrFetches(Containerd containerd, String registry, Path root, String repoTag, Digest top)
      throws Exception {
    String repo = repoTag.substring(0, repoTag.lastIndexOf(':'));
    containerd.ctr(List.of("content", "fetch", "--plain-http", "--all-platforms", registry + "/" + repoTag));
    Set<String> content = new TreeSet<>(List.of(containerd.ctr(List.of("content", "ls", "-q")).split("\\s+")));
    Set<String> expected = reachable(root, repo, top);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(content);
    assertEquals(Set.of(), missing, repoTag + ": digests containerd did not fetch");
    assertEquals(true, content.contains(top.toString()));
  }

  /** The sha256 of a file, for comparisons. */
  public static Digest digestOf(Path file) throws IOException {
    return Digest.sha256(Files.readAllBytes(file));
  }
}
