package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.source.SyntheticImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreePruneTest {
  @TempDir
  Path root;
  List<String> before;
  Digest signature;

  @BeforeEach
  void tree() throws Exception {
    SyntheticImages images = new SyntheticImages(root, 9);
    Digest v1 = images.image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    Digest sbom = artifact("app", v1, "sbom");
    signature = artifact("app", sbom, "signature of the sbom");
    before = files();
  }

  /** Writes an OCI artifact (empty config, one layer) whose subject is {@code subject}; returns its digest. */
  Digest artifact(String repo, Digest subject, String content) throws Exception {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = content.getBytes(StandardCharsets.UTF_8);
    TreeWriter.write(root.resolve(RegistryKey.blob(repo, Digest.sha256(config)).path()), config);
    TreeWriter.write(root.resolve(RegistryKey.blob(repo, Digest.sha256(layer)).path()), layer);
    long subjectSize = Files.size(root.resolve(RegistryKey.manifest(repo, subject).path()));
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":\"text/plain\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"text/plain\",\"digest\":\"" + Digest.sha256(layer) + "\",\"size\":" + layer.length + "}],"
        + "\"subject\":{\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "}}")
        .getBytes(StandardCharsets.UTF_8);
    TreeWriter.write(root.resolve(RegistryKey.manifest(repo, Digest.sha256(manifest)).path()), manifest);
    return Digest.sha256(manifest);
  }

  List<String> files() throws Exception {
    try (Stream<Path> walk = Files.walk(root.resolve("v2"))) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  /** Prunes, and returns the files no longer in the tree, then the repositories held back. */
  List<String> prune(boolean force) throws Exception {
    Tree tree = TreeScanner.scan(root);
    List<String> heldBack = new ArrayList<>();
    for (TreePrune.Unreachable u : TreePrune.find(tree, force)) {
      if (u.heldBack()) {
        heldBack.add(u.repository().name() + " held back");
      }
      TreePrune.remove(tree, u);
    }
    List<String> gone = new ArrayList<>(before);
    gone.removeAll(files());
    gone.addAll(heldBack);
    TreeScanner.scan(root); // what is left is still a valid tree
    return gone;
  }

  @Test
  void prune_everythingTagged_keepsIndexChildrenAndArtifactsOfKeptManifests() throws Exception {
    assertEquals(List.of(), prune(false));
  }

  @Test
  void prune_untaggedIndex_removesItsChildrenAndTheirArtifactsNotWhatAnotherTagReaches() throws Exception {
    new SyntheticImages(root, 10).image("app", "v2", List.of("linux/amd64"), 2, List.of());
    Files.delete(root.resolve("v2/app/manifests/v1"));
    List<String> v1Files = new ArrayList<>(before);
    v1Files.remove("v2/app/manifests/v1");
    before = files();

    List<String> gone = prune(false);

    assertEquals(v1Files, gone, "v1's index, its children, configs and layers, and the artifacts that refer to them");
    assertTrue(gone.contains(RegistryKey.manifest("app", signature).path()), "an artifact of an artifact goes with it");
  }

  @ParameterizedTest(name = "force {0}")
  @ValueSource(booleans = {false, true})
  void prune_repositoryWithoutTags_heldBackUnlessForced(boolean force) throws Exception {
    new SyntheticImages(root, 11).image("other", "1", List.of("linux/amd64"), 1, List.of());
    Files.delete(root.resolve("v2/app/manifests/v1"));
    before = files();

    List<String> gone = prune(force);

    List<String> appFiles = before.stream().filter(f -> f.startsWith("v2/app/")).toList();
    assertEquals(force ? appFiles : List.of("app held back"), gone);
    assertTrue(Files.exists(root.resolve("v2/other/manifests/1")), "another repository is untouched");
    assertEquals(!force, Files.isDirectory(root.resolve("v2/app")), "an emptied repository's folder goes too");
  }
}
