package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Json;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.TreeScanner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports the checked-in docker save archives (src/test/resources/docker-save, see make-fixtures.py there). */
class ImporterDockerSaveTest {
  @TempDir
  Path tmp;

  private Path fixture(String name) throws Exception {
    Path out = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/docker-save/" + name)) {
      Files.copy(in, out);
    }
    return out;
  }

  private RawManifest tag(Path tree, String tag) throws Exception {
    return RawManifest.parse(Files.readAllBytes(tree.resolve("v2/app/manifests/" + tag)));
  }

  /** The entries of a tar fixture, read as the source holds them. */
  private static JsonNode json(Path tar, String path) throws Exception {
    try (TarFiles files = TarFiles.open(tar, tar.getParent()); InputStream in = files.open(path)) {
      return Json.MAPPER.readTree(in);
    }
  }

  @Test
  void run_classicDockerSaveBuildsSchema2WithSourceConfigAndDiffIds() throws Exception {
    Path archive = fixture("classic.tar");
    Path tree = tmp.resolve("tree");
    ImportResult result = Importer.run(new ImportRequest(tree, archive, null, "app", List.of(), List.of()));

    JsonNode entry = json(archive, "manifest.json").get(0);
    String configHex = entry.path("Config").asText().replace(".json", "");
    RawManifest m = tag(tree, "v1");
    assertEquals(MediaType.DOCKER_MANIFEST, m.mediaType());
    assertEquals("sha256:" + configHex, m.template().config.digest);
    JsonNode sourceConfig = json(archive, entry.path("Config").asText());
    JsonNode importedConfig = Json.MAPPER.readTree(tree.resolve("v2/app/blobs/sha256:" + configHex).toFile());
    assertEquals(sourceConfig.path("rootfs").path("diff_ids"), importedConfig.path("rootfs").path("diff_ids"));
    for (DescriptorTemplate layer : m.template().layers) {
      assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip", layer.mediaType);
    }
    assertTrue(result.notes().stream().anyMatch(n -> n.contains("differs from the one the image had in its registry")),
        result.notes().toString());
    TreeScanner.scan(tree);
  }

  @Test
  void run_classicDockerSaveTwiceGivesTheSameDigest() throws Exception {
    Path archive = fixture("classic.tar");
    Path tree = tmp.resolve("tree");
    Importer.run(new ImportRequest(tree, archive, null, "app", List.of("v1"), List.of()));
    ImportResult again = Importer.run(new ImportRequest(tree, archive, null, "app", List.of("v1"), List.of()));

    assertTrue(again.tags().get(0).endsWith(" unchanged"), again.tags().toString());
    assertEquals(0, again.blobsWritten());
  }

  @Test
  void run_docker25PartialIndexKeepsPlatformsPresentAndAttestation() throws Exception {
    Path archive = fixture("docker25-partial.tar");
    Path tree = tmp.resolve("tree");
    ImportResult result = Importer.run(new ImportRequest(tree, archive, null, "app", List.of(), List.of()));

    JsonNode top = json(archive, "index.json").path("manifests").get(0);
    RawManifest index = tag(tree, "v1");
    assertNotEquals(top.path("digest").asText(), index.digest().toString());
    List<String> kept = index.children().stream().map(d -> String.valueOf(d.platform)).toList();
    assertEquals(List.of("linux/amd64", "unknown/unknown"), kept);
    assertEquals(index.children().get(0).digest,
        index.children().get(1).annotations.get("vnd.docker.reference.digest"));
    assertTrue(result.notes().stream().anyMatch(n -> n.contains("leaves out linux/arm64") && n.contains("differs")),
        result.notes().toString());
    TreeScanner.scan(tree);
  }

  @Test
  void run_docker25WithPlatformTagsThatManifest() throws Exception {
    Path archive = fixture("docker25-partial.tar");
    Path tree = tmp.resolve("tree");
    Importer.run(new ImportRequest(tree, archive, null, "app", List.of("amd64"), List.of("linux/amd64")));

    JsonNode top = json(archive, "index.json").path("manifests").get(0);
    String indexHex = top.path("digest").asText().substring(7);
    JsonNode sourceIndex = json(archive, "blobs/sha256/" + indexHex);
    assertEquals(sourceIndex.path("manifests").get(0).path("digest").asText(), tag(tree, "amd64").digest().toString());
    TreeScanner.scan(tree);
  }

  @Test
  void run_gzippedArchiveGivesTheSameImage() throws Exception {
    Path archive = fixture("classic.tar");
    Path gzipped = tmp.resolve("classic.tar.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      Files.copy(archive, out);
    }
    Importer.run(new ImportRequest(tmp.resolve("plain"), archive, null, "app", List.of(), List.of()));
    Importer.run(new ImportRequest(tmp.resolve("gz"), gzipped, null, "app", List.of(), List.of()));

    assertEquals(tag(tmp.resolve("plain"), "v1").digest(), tag(tmp.resolve("gz"), "v1").digest());
  }
}
