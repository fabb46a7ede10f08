package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: each case fails with a message naming the file and the reason, and leaves the tree exactly as it was. */
class ImporterBadInputTest {
  private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64");

  @TempDir
  Path tmp;
  Path tree;
  Path layout;

  /** Builds the bad source in {@code tmp} (a valid layout is at tmp/layout) and returns the request. */
  interface Case {
    ImportRequest prepare(Path tmp, Path tree, Path layout) throws Exception;
  }

  @BeforeEach
  void setUp() throws Exception {
    tree = tmp.resolve("tree");
    new SyntheticImages(tree, 1).image("existing", "v1", List.of("linux/amd64"), 1, List.of());
    layout = tmp.resolve("layout");
    OciLayoutFixture.write(layout, "v1", PLATFORMS, false, 3);
  }

  static ImportRequest request(Path tree, Path source, String repo, String tag) {
    return new ImportRequest(tree, source, null, repo, List.of(tag), List.of());
  }

  /** The blob file of the first layer of the first platform. */
  static Path firstLayer(Path layout) throws Exception {
    RawManifest index = RawManifest.parse(Files.readAllBytes(blob(layout, topDigest(layout))));
    Path platform = blob(layout, index.children().get(0).digest);
    String layer = RawManifest.parse(Files.readAllBytes(platform)).template().layers.get(0).digest;
    return blob(layout, layer);
  }

  static String topDigest(Path layout) throws Exception {
    String index = Files.readString(layout.resolve("index.json"));
    int at = index.indexOf("sha256:");
    return index.substring(at, at + 71);
  }

  static Path blob(Path layout, String digest) {
    return layout.resolve("blobs/sha256/" + digest.substring(7));
  }

  /** Makes {@code file} a sparse file of {@code size} zero bytes: as large as a stray file, without writing it. */
  static void sparse(Path file, long size) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(0);
      f.setLength(size);
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("blob bytes do not match their digest", (Case) (tmp, tree, layout) -> {
          Path layer = firstLayer(layout);
          Files.write(layer, "tampered".getBytes());
          return request(tree, layout, "app", "v1");
        }, List.of("content does not match its digest"), "layer"),
        Arguments.of("truncated tar", (Case) (tmp, tree, layout) -> {
          byte[] tar = new TestTar().folder(layout).bytes();
          Path archive = tmp.resolve("truncated.tar");
          Files.write(archive, Arrays.copyOf(tar, tar.length / 2));
          return request(tree, archive, "app", "v1");
        }, List.of("truncated.tar", "truncated tar archive"), null),
        Arguments.of("index lists a missing manifest", (Case) (tmp, tree, layout) -> {
          RawManifest index = RawManifest.parse(Files.readAllBytes(blob(layout, topDigest(layout))));
          Files.delete(blob(layout, index.children().get(1).digest));
          return request(tree, layout, "app", "v1");
        }, List.of("lists manifest", "(linux/arm64)", "not in the source"), null),
        Arguments.of("tag breaks the grammar", (Case) (tmp, tree, layout) -> request(tree, layout, "app", ".hidden"),
            List.of("--tag", "invalid tag '.hidden'"), null),
        Arguments.of("repository with capitals", (Case) (tmp, tree, layout) -> request(tree, layout, "MyApp", "v1"),
            List.of("--image", "'MyApp'", "capitals"), null),
        Arguments.of("repository with ..", (Case) (tmp, tree, layout) -> request(tree, layout, "a/../b", "v1"),
            List.of("--image", "'a/../b'", "'..'"), null),
        Arguments.of("tar entry escapes with ../", (Case) (tmp, tree, layout) -> {
          Path archive = tmp.resolve("escape.tar");
          Files.write(archive, new TestTar().folder(layout).file("../evil", "x".getBytes()).bytes());
          return request(tree, archive, "app", "v1");
        }, List.of("escape.tar", "'../evil'", "escapes the archive"), null),
        Arguments.of("symlink leads outside the source folder", (Case) (tmp, tree, layout) -> {
          Path layer = firstLayer(layout);
          Path outside = tmp.resolve("outside-layer");
          Files.move(layer, outside);
          Files.createSymbolicLink(layer, outside);
          return request(tree, layout, "app", "v1");
        }, List.of("symbolic link leads outside the source folder"), "layer"),
        Arguments.of("index.json of 200 MB", (Case) (tmp, tree, layout) -> {
          sparse(layout.resolve("index.json"), 200L << 20);
          return request(tree, layout, "app", "v1");
        }, List.of("index.json: 209715200 bytes, more than the 4 MiB (4194304 bytes)"), null),
        Arguments.of("manifest of 200 MB", (Case) (tmp, tree, layout) -> {
          RawManifest index = RawManifest.parse(Files.readAllBytes(blob(layout, topDigest(layout))));
          sparse(blob(layout, index.children().get(0).digest), 200L << 20);
          return request(tree, layout, "app", "v1");
        }, List.of("blobs/sha256/", ": 209715200 bytes, more than the 4 MiB"), null),
        Arguments.of("docker save config of 200 MB", (Case) (tmp, tree, layout) -> {
          Path saved = Files.createDirectory(tmp.resolve("saved"));
          Files.writeString(saved.resolve("manifest.json"), "[{\"Config\":\"config.json\",\"RepoTags\":[\"app:v1\"],\"Layers\":[]}]");
          sparse(saved.resolve("config.json"), 200L << 20);
          return request(tree, saved, "app", "v1");
        }, List.of("config.json: 209715200 bytes, more than the 4 MiB"), null),
        Arguments.of("tar symlink leads outside the archive", (Case) (tmp, tree, layout) -> {
          Path layer = firstLayer(layout);
          String name = layout.relativize(layer).toString();
          Files.delete(layer);
          Path archive = tmp.resolve("link.tar");
          Files.write(archive, new TestTar().folder(layout).symlink(name, "../../../etc/passwd").bytes());
          return request(tree, archive, "app", "v1");
        }, List.of("link.tar", "leads outside the archive"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void run_badInputLeavesTreeAsItWas(String name, Case bad, List<String> expected, String namesLayer) throws Exception {
    String layerName = namesLayer == null ? null : firstLayer(layout).getFileName().toString();
    ImportRequest request = bad.prepare(tmp, tree, layout);
    List<String> before = ImporterSkopeoTest.snapshot(tree);

    ImportException e = assertThrows(ImportException.class, () -> Importer.run(request));

    for (String fragment : expected) {
      assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }
    if (layerName != null) {
      assertTrue(e.getMessage().contains(layerName), "the file is not named: " + e.getMessage());
    }
    assertEquals(before, ImporterSkopeoTest.snapshot(tree));
  }

  @Test
  void run_failureCreatesNoTree() throws Exception {
    Path fresh = tmp.resolve("new/tree");
    Files.write(firstLayer(layout), "tampered".getBytes());

    assertThrows(ImportException.class, () -> Importer.run(request(fresh, layout, "app", "v1")));

    assertFalse(Files.exists(tmp.resolve("new")));
  }

  @Test
  void run_classicDockerSaveLayerNotMatchingDiffId() throws Exception {
    Path archive = tmp.resolve("bad-layer.tar");
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + Digest.sha256("something else".getBytes()) + "\"]}}";
    String configName = Digest.sha256(config.getBytes()).hex() + ".json";
    Files.write(archive, new TestTar()
        .file(configName, config.getBytes())
        .file("abc/layer.tar", new TestTar().file("hello", "hi".getBytes()).bytes())
        .file("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"app:v1\"],\"Layers\":[\"abc/layer.tar\"]}]").getBytes())
        .bytes());
    List<String> before = ImporterSkopeoTest.snapshot(tree);

    ImportException e = assertThrows(ImportException.class, () -> Importer.run(request(tree, archive, "app", "v1")));

    assertTrue(e.getMessage().contains("bad-layer.tar!abc/layer.tar") && e.getMessage().contains("diff_id"), e.getMessage());
    assertEquals(before, ImporterSkopeoTest.snapshot(tree));
  }
}
