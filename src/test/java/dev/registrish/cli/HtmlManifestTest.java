package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A "manifest" typed {@code text/html} (a script in an annotation) would be served as a web page from the
 * registry's origin: every command that reads a tree or an image refuses it, naming the file, and writes nothing.
 */
class HtmlManifestTest {
  static final Path FIXTURE = Path.of("src/test/resources/manifests/html-media-type.json");

  @TempDir
  Path tmp;
  Path tree;
  Path html;
  /** The port the serve case takes before serve runs. */
  ServerSocket taken;

  @BeforeEach
  void tree() throws Exception {
    tree = tmp.resolve("tree");
    new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    html = tree.resolve("v2/app/manifests/" + Digest.sha256(Files.readAllBytes(FIXTURE)));
    Files.copy(FIXTURE, html);
  }

  /** The command line of one case, given the test's folders. */
  interface Args {
    List<String> of(HtmlManifestTest t) throws Exception;
  }

  record Case(String name, Args args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> commands() {
    return Stream.of(
        new Case("ls", t -> List.of("ls", "--tree", t.tree.toString())),
        new Case("gen nginx", t -> List.of("gen", "nginx", "--tree", t.tree.toString())),
        new Case("gen apache", t -> List.of("gen", "apache", "--tree", t.tree.toString())),
        new Case("gen netlify", t -> List.of("gen", "netlify", "--tree", t.tree.toString())),
        new Case("serve", t -> {
          // a port already taken: were the tree accepted, serve would stop at once (exit 1) instead of running
          ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          t.taken = taken;
          return List.of("serve", "--tree", t.tree.toString(), "--port", Integer.toString(taken.getLocalPort()));
        }),
        new Case("tag", t -> List.of("tag", "--tree", t.tree.toString(), "app@" + t.html.getFileName(), "page")),
        new Case("import", t -> {
          Path layout = t.tmp.resolve("layout");
          Digest d = Digest.sha256(Files.readAllBytes(FIXTURE));
          Files.createDirectories(layout.resolve("blobs/sha256"));
          Files.copy(FIXTURE, layout.resolve("blobs/sha256/" + d.hex()));
          Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
          Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
              + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + d + "\",\"size\":" + Files.size(FIXTURE)
              + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"page\"}}]}");
          Files.delete(t.html);
          return List.of("import", "--tree", t.tree.toString(), layout.toString(), "--image", "app");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void command_textHtmlManifest_refusedNamingTheFile(Case c) throws Exception {
    List<String> args = c.args().of(this);
    List<String> before = files();
    Cli.Run run;
    try {
      run = Cli.run(args.toArray(String[]::new));
    } finally {
      if (taken != null) {
        taken.close();
      }
    }

    assertEquals(ExitCodes.INVALID, run.exit(), run.toString());
    assertTrue(run.err().startsWith("registrish: "), run.err());
    assertTrue(run.err().contains("mediaType 'text/html' is not a manifest or index type"), run.err());
    assertTrue(run.err().contains(c.name().equals("import") ? Digest.sha256(Files.readAllBytes(FIXTURE)).toString()
        : html.toString()), "names the file: " + run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertEquals(before, files(), "nothing written");
  }

  List<String> files() throws Exception {
    try (Stream<Path> walk = Files.walk(tmp)) {
      return new ArrayList<>(walk.map(Path::toString).sorted().toList());
    }
  }
}
