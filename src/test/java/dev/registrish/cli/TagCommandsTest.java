package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.tree.TreeScanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrish tag}, {@code untag} and {@code ls} on a tree, through the command line. */
class TagCommandsTest {
  @TempDir
  Path tree;
  Digest v1;
  Digest v2;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() throws Exception {
    SyntheticImages images = new SyntheticImages(tree, 5);
    v1 = images.image("library/app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    v2 = images.image("library/app", "v2", List.of("linux/amd64"), 1, List.of());
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--tree";
    all[args.length + 1] = tree.toString();
    return cl.execute(all);
  }

  private byte[] tagBytes(String tag) throws Exception {
    return Files.readAllBytes(tree.resolve("v2/library/app/manifests/" + tag));
  }

  @Test
  void tag_addsThenMovesThenLeavesUnchanged() throws Exception {
    assertEquals(0, run("tag", "library/app:v1", "stable"));
    assertArrayEquals(tagBytes("v1"), tagBytes("stable"));
    assertTrue(out.toString().contains("library/app:stable " + v1 + " new"), out.toString());

    assertEquals(0, run("tag", "library/app@" + v2, "stable"));
    assertArrayEquals(tagBytes("v2"), tagBytes("stable"));
    assertTrue(out.toString().contains(v1.shortForm() + " -> " + v2), out.toString());

    assertEquals(0, run("tag", "library/app:v2", "stable"));
    assertTrue(out.toString().contains("unchanged"), out.toString());
    TreeScanner.scan(tree);
  }

  @Test
  void tag_unknownTagOrBadNameIsRefused() throws Exception {
    assertEquals(ExitCodes.INVALID, run("tag", "library/app:nope", "stable"));
    assertTrue(err.toString().contains("no such tag (tags: v1, v2)"), err.toString());
    assertEquals(ExitCodes.INVALID, run("tag", "library/app:v1", ".bad"));
    assertTrue(err.toString().contains("invalid tag '.bad'"), err.toString());
    assertEquals(ExitCodes.INVALID, run("tag", "Library/App:v1", "x"));
    assertTrue(err.toString().contains("invalid repository name 'Library/App'"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
  }

  @Test
  void untag_removesTagAndKeepsContent() throws Exception {
    assertEquals(0, run("untag", "library/app:v1"));

    assertFalse(Files.exists(tree.resolve("v2/library/app/manifests/v1")));
    assertTrue(Files.exists(tree.resolve("v2/library/app/manifests/" + v1)));
    assertEquals(List.of("v2"), List.copyOf(TreeScanner.scan(tree).repositories().get("library/app").tags().keySet()));
  }

  @Test
  void ls_listsTagsWithDigestsAndPlatforms() {
    assertEquals(0, run("ls"));

    List<String> lines = out.toString().lines().toList();
    assertEquals(3, lines.size(), out.toString());
    assertTrue(lines.get(1).startsWith("library/app:v1") && lines.get(1).contains(v1.toString())
        && lines.get(1).contains("oci-index") && lines.get(1).contains("linux/amd64,linux/arm64"), lines.get(1));
    assertTrue(lines.get(2).startsWith("library/app:v2") && lines.get(2).contains(v2.toString())
        && lines.get(2).contains("oci-manifest"), lines.get(2));
  }
}
