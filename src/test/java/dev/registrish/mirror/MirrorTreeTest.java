package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirror --tree}: a re-run with nothing new touches no file, and --delete removes what the file dropped. */
@EndToEnd
class MirrorTreeTest {
  @TempDir
  Path work;

  static Cli.Run mirror(Path file, Path tree, String... extra) {
    List<String> args = new ArrayList<>(List.of("mirror", "--config", file.toString(), "--tree", tree.toString(),
        "--output", "json"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Every file below {@code root} with its size and modification time. */
  static Map<String, String> files(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  @Test
  void mirrorTree_reRunWritesNothing_deleteRemovesWhatTheFileDropped() throws Exception {
    try (MirrorFixture fx = MirrorFixture.anonymous(work)) {
      fx.push("tree/app", "v1", 700, "linux/amd64", "linux/arm64");
      RepositoryTree v2 = fx.push("tree/app", "v2", 701, "linux/amd64");
      Path tree = work.resolve("tree");
      Path file = fx.file("tree.yaml", "images:", "  - source: REGISTRY/tree/app", "    target: app", "    tags: [v1, v2]");
      assertEquals(0, mirror(file, tree).exit());
      Map<String, String> written = files(tree);
      long gets = fx.registry.count("GET", "/");

      Cli.Run again = mirror(file, tree);

      assertEquals(0, again.exit(), again.toString());
      for (String write : List.of("Put", "Copy", "Delete")) {
        assertEquals(0, MirrorFixture.requests(again, write), write + ": " + again.out());
      }
      assertEquals(written, files(tree), "no file touched");
      assertEquals(0, fx.registry.count("GET", "/") - gets, "nothing downloaded");

      Cli.Run deleted = mirror(fx.file("tree.yaml", "images:", "  - source: REGISTRY/tree/app", "    target: app",
          "    tags: [v1]"), tree, "--delete", "--grace", "0");

      assertEquals(0, deleted.exit(), deleted.toString());
      Tree left = TreeScanner.scan(tree);
      assertEquals(List.of("v1"), List.copyOf(left.repositories().get("app").tags().keySet()));
      assertFalse(Files.exists(tree.resolve("v2/app/manifests/" + MirrorFixture.digest(v2, "v2"))));
      for (BlobFile b : v2.blobs().values()) {
        assertFalse(Files.exists(tree.resolve("v2/app/blobs/" + b.digest())), "v2's blob " + b.digest());
      }
      assertTrue(Files.readString(tree.resolve("v2/app/tags/list")).contains("\"v1\""));
    }
  }
}
