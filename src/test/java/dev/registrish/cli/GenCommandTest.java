package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.SampleTrees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrish gen nginx|apache|netlify} as a user runs them: files written, exit codes, messages. */
class GenCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void genNginx_outputFileAndStdout() throws Exception {
    SampleTrees.hostingScenario(tmp.resolve("tree"));
    Path conf = tmp.resolve("registrish.conf");
    assertEquals(0, run("gen", "nginx", "--tree", tmp.resolve("tree").toString(), "--port", "5555", "--output-file", conf.toString()));
    String written = Files.readString(conf);
    assertTrue(written.contains("  listen 5555;\n"), written);
    assertTrue(written.contains("  root \"" + tmp.resolve("tree").toAbsolutePath() + "\";\n"));
    assertTrue(written.contains("\"/v2/app/manifests/1.0.gz\" application_vnd_docker_distribution_manifest_v2_json;"));
    assertEquals(0, run("gen", "nginx", "--tree", tmp.resolve("tree").toString(), "--bind", "127.0.0.1"));
    assertTrue(out.toString().contains("  listen 127.0.0.1:5000;\n"));
  }

  @Test
  void genApacheAndNetlify_writeIntoTheTree() throws Exception {
    Path tree = tmp.resolve("tree");
    SampleTrees.hostingScenario(tree);
    assertEquals(0, run("gen", "apache", "--tree", tree.toString()));
    assertTrue(Files.readString(tree.resolve("v2/app/manifests/.htaccess")).contains("<Files \"1.0.gz\">"));
    assertTrue(Files.isRegularFile(tree.resolve("v2/library/tool/blobs/.htaccess")));
    assertEquals(0, run("gen", "netlify", "--tree", tree.toString()));
    assertTrue(Files.readString(tree.resolve("_headers")).contains("/v2/app/manifests/v1.json\n"));
    assertTrue(Files.isRegularFile(tree.resolve("_redirects")));
    assertEquals(0, run("gen", "nginx", "--tree", tree.toString()), err.toString());
  }

  @Test
  void gen_tagMaxAgeAsPublishSetsIt() throws Exception {
    Path tree = tmp.resolve("tree");
    SampleTrees.hostingScenario(tree);
    assertEquals(0, run("gen", "nginx", "--tree", tree.toString(), "--tag-max-age", "5m"));
    assertTrue(out.toString().contains("default \"public, max-age=300\";"), out.toString());
    assertEquals(0, run("gen", "apache", "--tree", tree.toString(), "--tag-max-age", "5m"));
    assertTrue(Files.readString(tree.resolve("v2/app/tags/.htaccess")).contains("Cache-Control \"public, max-age=300\""));
    assertEquals(0, run("gen", "netlify", "--tree", tree.toString(), "--tag-max-age", "5m"));
    String headers = Files.readString(tree.resolve("_headers"));
    assertTrue(headers.contains("/v2/app/manifests/v1.json\n  Content-Type: application/vnd.oci.image.index.v1+json\n"
        + "  Cache-Control: public, max-age=300\n"), headers);
    assertTrue(headers.contains("/*\n  X-Content-Type-Options: nosniff\n"), headers);
  }

  @Test
  void gen_missingTreeOrHostIsAUsageError() {
    assertEquals(ExitCodes.INVALID, run("gen", "nginx", "--tree", tmp.resolve("none").toString()));
    assertTrue(err.toString().contains("no v2/ folder"), err.toString());
    assertEquals(ExitCodes.INVALID, run("gen"));
    assertTrue(err.toString().contains("gen nginx, gen apache or gen netlify"), err.toString());
  }
}
