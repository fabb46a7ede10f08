package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Pulls with real clients (skopeo, containerd's ctr, Docker, podman) and compares what arrived with the local tree. */
public final class Pulls {
  /** The platform Docker and podman are asked for: the one every image of the sample trees has. */
  public static final String PLATFORM = "linux/amd64";

  private static final String INSPECT = "{{.Id}}{{range .RepoDigests}} {{.}}{{end}}";

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
      RawManifest m = manifest(root, repo, d);
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
      String repo = repo(e.getKey());
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
    String repo = repo(repoTag);
    containerd.ctr(List.of("content", "fetch", "--plain-http", "--all-platforms", registry + "/" + repoTag));
    Set<String> content = new TreeSet<>(List.of(containerd.ctr(List.of("content", "ls", "-q")).split("\\s+")));
    Set<String> expected = reachable(root, repo, top);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(content);
    assertEquals(Set.of(), missing, repoTag + ": digests containerd did not fetch");
    assertEquals(true, content.contains(top.toString()));
  }

  /**
   * {@code docker pull} of every tag ({@link #PLATFORM} of an index); asserts that {@code docker image inspect}
   * shows the tag's digest among the RepoDigests and, as the image ID, the config of the platform's manifest.
   */
  public static void dockerPullsEveryTag(DockerDaemon docker, String registry, Path root, Map<String, Digest> tags)
      throws Exception {
    for (var e : tags.entrySet()) {
      String ref = registry + "/" + e.getKey();
      docker.ok(300, List.of("pull", "--platform", PLATFORM, ref));
      assertPulled("docker", docker.ok(60, List.of("image", "inspect", "--format", INSPECT, ref)), registry, root, e.getKey(),
          e.getValue());
    }
  }

  /** {@code podman pull} of every tag, with the assertions of {@link #dockerPullsEveryTag} on {@code podman image inspect}. */
  public static void podmanPullsEveryTag(Podman podman, String registry, Path root, Map<String, Digest> tags) throws Exception {
    for (var e : tags.entrySet()) {
      String ref = registry + "/" + e.getKey();
      podman.ok(300, List.of("pull", "--tls-verify=false", "--platform", PLATFORM, ref));
      assertPulled("podman", podman.ok(60, List.of("image", "inspect", "--format", INSPECT, ref)), registry, root, e.getKey(),
          e.getValue());
    }
  }

  /** {@code docker pull} of a tag that {@code repo} does not have: it fails; returns what Docker printed. */
  public static String dockerPullsMissingTag(DockerDaemon docker, String registry, String repo) throws Exception {
    String ref = registry + "/" + repo + ":no-such-tag";
    Processes.Result r = docker.run(120, List.of("pull", "--platform", PLATFORM, ref));
    assertNotEquals(0, r.exit(), "docker pull " + ref + ":\n" + r.output());
    return r.output();
  }

  /** {@code podman pull} of a tag that {@code repo} does not have: it fails; returns what podman printed. */
  public static String podmanPullsMissingTag(Podman podman, String registry, String repo) throws Exception {
    String ref = registry + "/" + repo + ":no-such-tag";
    Processes.Result r = podman.run(120, List.of("pull", "--tls-verify=false", "--platform", PLATFORM, ref));
    assertNotEquals(0, r.exit(), "podman pull " + ref + ":\n" + r.output());
    return r.output();
  }

  /**
   * Docker and podman pull a tag that {@code repo} does not have from a host that answers the registry's JSON
   * error: both fail and print {@code manifest unknown}, not an error about the response body.
   */
  public static void missingTagIsManifestUnknown(DockerDaemon docker, Podman podman, String registry, String repo)
      throws Exception {
    for (String printed : List.of(dockerPullsMissingTag(docker, registry, repo), podmanPullsMissingTag(podman, registry, repo))) {
      assertTrue(printed.contains("manifest unknown") && !printed.contains("response body"), printed);
    }
  }

  /** Compares {@link #INSPECT}'s output (image ID, then RepoDigests) with the tree. */
  private static void assertPulled(String client, String inspected, String registry, Path root, String repoTag, Digest top)
      throws Exception {
    List<String> fields = List.of(inspected.strip().split(" "));
    String repo = repo(repoTag);
    assertTrue(fields.contains(registry + "/" + repo + "@" + top), client + " " + repoTag + ": RepoDigests " + fields);
    String config = platformConfig(root, repo, top);
    assertEquals(config.substring(config.indexOf(':') + 1), fields.get(0).substring(fields.get(0).indexOf(':') + 1),
        client + " " + repoTag + ": image ID");
  }

  /** The config digest of the {@link #PLATFORM} image that {@code top} names (itself, or its entry in an index). */
  private static String platformConfig(Path root, String repo, Digest top) throws Exception {
    RawManifest m = manifest(root, repo, top.toString());
    if (m.isIndex()) {
      String child = m.children().stream().filter(c -> c.platform != null && PLATFORM.equals(c.platform.toString()))
          .findFirst().orElseThrow(() -> new AssertionError(repo + "@" + top + " has no " + PLATFORM)).digest;
      m = manifest(root, repo, child);
    }
    return m.template().config.digest;
  }

  private static RawManifest manifest(Path root, String repo, String digest) throws Exception {
    return RawManifest.parse(Files.readAllBytes(root.resolve("v2/" + repo + "/manifests/" + digest)));
  }

  private static String repo(String repoTag) {
    return repoTag.substring(0, repoTag.lastIndexOf(':'));
  }

  /** The sha256 of a file, for comparisons. */
  public static Digest digestOf(Path file) throws IOException {
    return Digest.sha256(Files.readAllBytes(file));
  }
}
