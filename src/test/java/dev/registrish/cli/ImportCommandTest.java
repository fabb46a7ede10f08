package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrish import} through the command line: output, exit codes, messages. */
class ImportCommandTest {
  @TempDir
  Path tmp;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  private int run(String... args) {
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private Path fixture(String name) throws Exception {
    Path out = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/docker-save/" + name)) {
      Files.copy(in, out);
    }
    return out;
  }

  @Test
  void import_dockerSavePrintsTagsAndNotes() throws Exception {
    Path archive = fixture("classic.tar");
    Path tree = tmp.resolve("tree");

    assertEquals(0, run("import", "--tree", tree.toString(), archive.toString(), "--image", "app", "--tag", "v1", "--tag", "latest"));

    assertTrue(out.toString().contains("note: "), out.toString());
    assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("app:v1 sha256:") && l.endsWith(" new")), out.toString());
    assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("app:latest sha256:")), out.toString());
    assertTrue(out.toString().contains("3 blob(s) written, 0 already present, 1 manifest(s) written"), out.toString());
  }

  @Test
  void import_badInputExitsInvalidWithoutStackTrace() throws Exception {
    Path archive = fixture("classic.tar");

    assertEquals(ExitCodes.INVALID, run("import", "--tree", tmp.resolve("tree").toString(), archive.toString(),
        "--image", "App", "--tag", "v1"));

    assertTrue(err.toString().startsWith("registrish: --image: invalid repository name 'App'"), err.toString());
    assertTrue(err.toString().contains("nothing was written"), err.toString());
    assertFalse(err.toString().contains("\tat "), err.toString());
  }

  @Test
  void import_unknownFormatIsRefused() throws Exception {
    assertEquals(ExitCodes.INVALID, run("import", fixture("classic.tar").toString(), "--image", "app", "--format", "zip"));
    assertTrue(err.toString().contains("--format: unknown format 'zip'"), err.toString());
  }
}
