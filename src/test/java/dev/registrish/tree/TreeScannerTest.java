package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.source.SyntheticImages;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TreeScannerTest {
  @TempDir
  Path dir;
  Digest v1;

  @BeforeEach
  void tree() throws Exception {
    v1 = new SyntheticImages(dir, 3).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
  }

  @Test
  void scan_tagCopiesItsManifest_bothShareOneParsedManifest() throws Exception {
    RepositoryTree repo = TreeScanner.scan(dir).repositories().get("app");
    assertEquals(v1, repo.tags().get("v1").manifest().digest());
    assertSame(repo.manifests().get(v1.toString()).manifest(), repo.tags().get("v1").manifest());
    assertEquals(MediaType.OCI_INDEX, repo.tags().get("v1").manifest().mediaType());
  }

  /** Breaks the tree for one case; returns how the one problem found must start. */
  interface Breakage {
    String apply(Path root, Path manifests) throws Exception;
  }

  record Case(String name, Breakage breakage) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> badManifests() {
    return Stream.of(
        new Case("a tag served as text/html", (root, m) -> {
          Files.copy(Path.of("src/test/resources/manifests/html-media-type.json"), m.resolve("v1"),
              StandardCopyOption.REPLACE_EXISTING);
          return m.resolve("v1") + ": invalid manifest: mediaType 'text/html' is not a manifest or index type";
        }),
        new Case("a 200 MB stray file", (root, m) -> {
          try (RandomAccessFile f = new RandomAccessFile(m.resolve("stray").toFile(), "rw")) {
            f.setLength(200L << 20); // sparse: takes no disk space
          }
          return m.resolve("stray") + ": invalid manifest: 209715200 bytes, more than the 4 MiB a manifest may have";
        }),
        new Case("a sha512 name its bytes do not have", (root, m) -> {
          Path named = m.resolve("sha512:" + "ab".repeat(64));
          Files.copy(m.resolve("v1"), named);
          return named + ": content does not match its name (its sha512 is " + Digest.of("sha512", Files.readAllBytes(named)) + ")";
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badManifests")
  void scan_badManifestFile_namesFileAndReason(Case c) throws Exception {
    String expected = c.breakage().apply(dir, dir.resolve("v2/app/manifests"));
    var e = assertThrows(InvalidTreeException.class, () -> TreeScanner.scan(dir));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith(expected), e.getMessage());
  }

  @Test
  void scan_sha512Manifest_checkedAndPublishedByItsOwnDigest() throws Exception {
    byte[] bytes = Files.readAllBytes(dir.resolve("v2/app/manifests/v1"));
    Digest sha512 = Digest.of("sha512", bytes);
    Files.write(dir.resolve("v2/app/manifests/" + sha512), bytes);

    Tree tree = TreeScanner.scan(dir);

    assertEquals(sha512, tree.repositories().get("app").manifests().get(sha512.toString()).manifest().digest());
    TreeObject published = TreeObjects.of(tree, HeaderRules.defaults(), null).stream()
        .filter(o -> o.path().equals("v2/app/manifests/" + sha512)).findFirst().orElseThrow();
    assertEquals(sha512.toString(), published.headers().dockerContentDigest());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "v2/app/manifests/release.tmp, tag",
      "v2/app/manifests/error.json, tag",
      "v2/app/manifests/x.swp, tag",
      "v2/app/manifests/Thumbs.db, tag",
      "v2/app/manifests/desktop.ini, tag",
      "v2/app/manifests/.v1.swp, skipped",
      "v2/app/manifests/v1~, skipped",
      "v2/app/manifests/.DS_Store, skipped",
      "v2/app/manifests/.registrish-tmp-0123.tmp, skipped",
      "v2/app/blobs/upload.tmp, skipped",
      "v2/app/blobs/Thumbs.db, skipped",
      "v2/error.json, skipped",
  })
  void scan_fileNamedLikeLitter_tagUnderManifestsElseSkipped(String path, String expected) throws Exception {
    Path file = dir.resolve(path);
    if (expected.equals("tag")) {
      Files.copy(dir.resolve("v2/app/manifests/v1"), file);
    } else {
      Files.writeString(file, "litter");
    }

    Tree tree = TreeScanner.scan(dir);

    String name = file.getFileName().toString();
    assertEquals(expected.equals("tag"), tree.repositories().get("app").tags().containsKey(name), "a tag: " + name);
    assertEquals(expected.equals("skipped"), tree.skipped().contains(file), "skipped: " + name);
    assertTrue(expected.equals("skipped") || TreeObjects.of(tree, HeaderRules.defaults(), null).stream()
        .anyMatch(o -> o.path().equals(path)), "published: " + path);
  }
}
