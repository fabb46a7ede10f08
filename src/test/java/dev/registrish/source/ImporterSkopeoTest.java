package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.hosting.RegistryServer;
import dev.registrish.hosting.TreeHandler;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.EndToEnd;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports what the real skopeo writes (dir:, oci:, oci-archive:, docker-archive:) and pulls the result back with skopeo. */
@EndToEnd
class ImporterSkopeoTest {
  private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64");

  @TempDir
  Path tmp;
  Skopeo skopeo;
  Path layout;
  Path tree;

  @BeforeEach
  void setUp() throws Exception {
    skopeo = Skopeo.require();
    layout = tmp.resolve("layout");
    tree = tmp.resolve("tree");
    OciLayoutFixture.write(layout, "v1", PLATFORMS, false, 7);
  }

  private static ImportRequest request(Path tree, Path source, String repo, String... tags) {
    return new ImportRequest(tree, source, null, repo, List.of(tags), List.of());
  }

  private Digest tagDigest(String repo, String tag) throws Exception {
    return Digest.sha256(Files.readAllBytes(tree.resolve("v2/" + repo + "/manifests/" + tag)));
  }

  /** Serves the tree with {@code registrish serve}'s server, pulls the tag with skopeo, and checks the digest skopeo sees. */
  private void assertPullable(String repo, String tag) throws Exception {
    Tree scanned = TreeScanner.scan(tree);
    var handler = new TreeHandler(TreeObjects.of(scanned,
        HeaderRules.defaults(), null), HeaderRules.defaults());
    try (var served = RegistryServer.start("127.0.0.1", 0, handler)) {
      String ref = "docker://127.0.0.1:" + served.port() + "/" + repo + ":" + tag;
      byte[] raw = skopeo.run("inspect", "--raw", "--tls-verify=false", ref);
      assertEquals(tagDigest(repo, tag), Digest.sha256(raw));
      skopeo.run("copy", "--all", "--src-tls-verify=false", ref, "oci:" + tmp.resolve("pulled-" + repo.replace('/', '-')) + ":" + tag);
    }
  }

  @Test
  void run_skopeoDir() throws Exception {
    Path dir = tmp.resolve("dir");
    skopeo.run("copy", "--all", "oci:" + layout + ":v1", "dir:" + dir);
    Files.writeString(dir.resolve("signature-1"), "not a blob");
    ImportResult result = Importer.run(request(tree, dir, "library/app", "v1", "latest"));

    Digest source = Digest.sha256(skopeo.run("inspect", "--raw", "dir:" + dir));
    assertEquals(source, tagDigest("library/app", "v1"));
    assertEquals(source, tagDigest("library/app", "latest"));
    assertTrue(result.notes().stream().anyMatch(n -> n.contains("signature-1")), result.notes().toString());
    try (var blobs = Files.list(tree.resolve("v2/library/app/blobs"))) {
      String signature = Digest.sha256("not a blob".getBytes()).toString();
      assertFalse(blobs.anyMatch(b -> b.getFileName().toString().equals(signature)));
    }
    assertPullable("library/app", "v1");
  }

  @Test
  void run_ociLayoutFolderTagsFromRefName() throws Exception {
    ImportResult result = Importer.run(request(tree, layout, "app"));

    assertEquals(Digest.sha256(skopeo.run("inspect", "--raw", "oci:" + layout + ":v1")), tagDigest("app", "v1"));
    assertEquals(List.of("app:v1 " + tagDigest("app", "v1") + " new"), result.tags());
    assertPullable("app", "v1");
  }

  @Test
  void run_ociArchive() throws Exception {
    Path archive = tmp.resolve("app.tar");
    skopeo.run("copy", "--all", "oci:" + layout + ":v1", "oci-archive:" + archive + ":v1");
    Importer.run(request(tree, archive, "app", "v1"));

    assertEquals(Digest.sha256(skopeo.run("inspect", "--raw", "oci-archive:" + archive)), tagDigest("app", "v1"));
    assertPullable("app", "v1");
  }

  @Test
  void run_dockerArchiveKeepsConfigAndDiffIds() throws Exception {
    Path archive = tmp.resolve("docker.tar");
    Path single = tmp.resolve("single");
    OciLayoutFixture.write(single, "v1", List.of("linux/amd64"), false, 11);
    skopeo.run("copy", "oci:" + single + ":v1", "docker-archive:" + archive + ":app:v1");
    ImportResult result = Importer.run(request(tree, archive, "app"));

    JsonNode sourceManifest = Json.MAPPER.readTree(skopeo.run("inspect", "--raw", "docker-archive:" + archive));
    JsonNode sourceConfig = Json.MAPPER.readTree(skopeo.run("inspect", "--config", "--raw", "docker-archive:" + archive));
    RawManifest imported = RawManifest.parse(Files.readAllBytes(tree.resolve("v2/app/manifests/v1")));
    assertEquals(sourceManifest.path("config").path("digest").asText(), imported.template().config.digest);
    JsonNode importedConfig = Json.MAPPER.readTree(tree.resolve("v2/app/blobs/" + imported.template().config.digest).toFile());
    assertEquals(sourceConfig.path("rootfs").path("diff_ids"), importedConfig.path("rootfs").path("diff_ids"));
    assertTrue(result.notes().stream().anyMatch(n -> n.contains("differs")), result.notes().toString());
    assertPullable("app", "v1");
  }

  @Test
  void run_twiceWritesNothing() throws Exception {
    Importer.run(request(tree, layout, "app", "v1"));
    List<String> before = snapshot(tree);
    ImportResult again = Importer.run(request(tree, layout, "app", "v1"));

    assertEquals(0, again.blobsWritten());
    assertEquals(0, again.manifestsWritten());
    assertTrue(again.tags().get(0).endsWith(" unchanged"), again.tags().toString());
    assertEquals(before, snapshot(tree));
  }

  /** Every file of the tree with its size, modification time and digest. */
  static List<String> snapshot(Path root) throws Exception {
    List<String> out = new ArrayList<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (var files = Files.walk(root)) {
      for (Path p : files.sorted().toList()) {
        String rel = root.relativize(p).toString();
        out.add(Files.isDirectory(p) ? rel + "/"
            : rel + " " + Files.getLastModifiedTime(p).toMillis() + " " + Digest.sha256(Files.readAllBytes(p)));
      }
    }
    return out;
  }
}
