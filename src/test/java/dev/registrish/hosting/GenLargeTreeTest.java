package dev.registrish.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.NginxServer;
import dev.registrish.testing.Processes;
import dev.registrish.testing.Tools;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configs for a 2 000-image tree: how long they take (printed, not asserted) and that nginx loads the result. */
@EndToEnd
class GenLargeTreeTest {
  static final int IMAGES = 2000;
  @TempDir static Path tmp;
  static Path root;

  @BeforeAll
  static void tree() throws Exception {
    root = tmp.resolve("tree");
    SyntheticImages images = new SyntheticImages(root, 7).layerBytes(16);
    for (int i = 0; i < IMAGES; i++) {
      images.image("repo" + (i % 20), "tag-" + i, List.of("linux/amd64"), 1, List.of());
    }
  }

  @Test
  void gen_twoThousandImages() throws Exception {
    long start = System.nanoTime();
    Tree tree = TreeScanner.scan(root);
    HeaderRules rules = HeaderRules.defaults();
    List<TreeObject> objects = TreeObjects.of(tree, rules, null);
    long scanned = System.nanoTime();
    String nginx = new NginxConfig(rules).render(root, objects, "127.0.0.1:5000");
    long nginxDone = System.nanoTime();
    new ApacheConfig(rules).write(root, objects);
    long apacheDone = System.nanoTime();
    NetlifyConfig.write(root, objects);
    long netlifyDone = System.nanoTime();
    System.out.printf("gen for %d images (%d objects): scan %d ms, nginx %d ms (%d KiB), apache %d ms, netlify %d ms%n",
        IMAGES, objects.size(), ms(scanned - start), ms(nginxDone - scanned), nginx.length() / 1024,
        ms(apacheDone - nginxDone), ms(netlifyDone - apacheDone));
    assertEquals(IMAGES, tree.repositories().values().stream().mapToInt(r -> r.tags().size()).sum());
    assertTrue(Files.readString(root.resolve("_headers")).contains("/v2/repo7/manifests/tag-7\n"));

    Path nginxBin = Tools.require("nginx", "nginx");
    int port = Processes.freePort();
    String config = new NginxConfig(rules).render(root, objects, "127.0.0.1:" + port);
    long t = System.nanoTime();
    try (NginxServer server = NginxServer.start(nginxBin, tmp.resolve("nginx"), config, port)) {
      System.out.printf("nginx -t and start with the 2000-image config: %d ms%n", ms(System.nanoTime() - t));
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
