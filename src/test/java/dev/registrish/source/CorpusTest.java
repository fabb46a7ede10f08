package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark corpora and {@code registrish bench-corpus}: valid trees, the same bytes for the same seed. */
class CorpusTest {
  @TempDir
  Path dir;

  @Test
  void generate_addTagTwice_writesTheSameValidImage() throws Exception {
    assertEquals(0, Cli.run("bench-corpus", "--tree", dir.resolve("a").toString(), "--add-tag", "r1").exit());
    assertEquals(0, Cli.run("bench-corpus", "--tree", dir.resolve("b").toString(), "--add-tag", "r1").exit());
    assertEquals(files(dir.resolve("a")), files(dir.resolve("b")));
    for (String f : files(dir.resolve("a"))) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    Tree tree = TreeScanner.scan(dir.resolve("a"));
    assertEquals(1, tree.repositories().get(Corpus.NEW_TAGS_REPOSITORY).tags().size());
  }

  @Test
  void generate_otherTag_writesOtherBlobs() throws Exception {
    Path tree = dir.resolve("t");
    Cli.run("bench-corpus", "--tree", tree.toString(), "--add-tag", "r1");
    long before = files(tree).size();
    Cli.run("bench-corpus", "--tree", tree.toString(), "--add-tag", "r2");
    // two layers and a config per platform, two manifests, an index and the tag: 10 new files
    assertEquals(before + 10, files(tree).size());
  }

  @Test
  void generate_withoutCorpusOrTag_isAUsageError() {
    Cli.Run run = Cli.run("bench-corpus", "--tree", dir.toString());
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--corpus"), run.err());
  }

  @EndToEnd
  @Test
  void sharedCorpus_hundredRepositoriesShareOneBaseLayer() throws Exception {
    assertEquals(100, Corpus.SHARED.write(dir, 1));
    Tree tree = TreeScanner.scan(dir);
    assertEquals(100, tree.repositories().size());
    List<String> firstBlobs = tree.repositories().values().stream()
        .map(r -> r.blobs().keySet()).reduce((a, b) -> {
          var common = new TreeSet<>(a);
          common.retainAll(b);
          return common;
        }).orElseThrow().stream().toList();
    assertEquals(1, firstBlobs.size(), "exactly one blob in every repository: the base layer");
  }

  @Test
  void randomBlob_isStreamedToAFileNamedByItsDigest() throws Exception {
    SyntheticImages.Layer layer = new SyntheticImages(dir, 7).randomBlob("big/data", (3L << 20) + 5);
    Path file = dir.resolve("v2/big/data/blobs/" + layer.digest());
    assertEquals((3L << 20) + 5, Files.size(file));
    assertEquals(layer.digest(), Digest.sha256(Files.readAllBytes(file)));
    assertEquals(layer.digest(), new SyntheticImages(dir.resolve("again"), 7).randomBlob("big/data", (3L << 20) + 5).digest());
  }

  private static List<String> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }
}
