package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.Processes;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.Tools;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registrish mirror} against the reference registry: a first run copies every image into S3Proxy, skopeo
 * pulls them back with upstream's digests; a re-run downloads nothing; a moved tag downloads only its new blobs;
 * the same file mirrors into a tree.
 */
@EndToEnd
class MirrorIntegrationTest {
  static final String BUCKET = "mirror";

  @TempDir
  Path work;

  static RepositoryTree images(Path root, String repo, String tag, long seed, List<String> platforms) throws Exception {
    new SyntheticImages(root, seed).image(repo, tag, platforms, 2, List.of());
    return TreeScanner.scan(root).repositories().get(repo);
  }

  Path mirrorFile(DistributionRegistry registry) throws Exception {
    Path file = work.resolve("mirror.yaml");
    Files.writeString(file, String.join("\n",
        "# nightly mirror",
        "images:",
        "  - source: " + registry.host() + "/team/app",
        "    target: app",
        "    tags: [\"v1\"]",
        "  - source: " + registry.host() + "/tools/cli",
        "    tag-pattern: 'v[0-9]+'",
        "x-owner: platform-team",
        ""));
    return file;
  }

  Cli.Run mirror(S3ProxyFixture s3, Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("mirror", "--config", file.toString(), "--bucket", BUCKET, "--profile", "local",
        "--endpoint", s3.uri().toString(), "--output", "json"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  static long requests(Cli.Run run, String operation) throws Exception {
    JsonNode n = Json.MAPPER.readTree(run.out()).get("requests").get(operation);
    return n == null ? 0 : n.asLong();
  }

  @Test
  void mirror_firstRunCopiesEverything_reRunDownloadsNothing_movedTagOnlyItsBlobs() throws Exception {
    Path skopeo = Tools.require("skopeo", "skopeo");
    Hosts.ensure(BUCKET + ".localhost");
    try (DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("registry")));
        S3ProxyFixture s3 = new S3ProxyFixture()) {
      s3.createBucket(BUCKET);
      RepositoryTree app = images(work.resolve("src-app"), "app", "v1", 1, List.of("linux/amd64", "linux/arm64"));
      RepositoryTree cli = images(work.resolve("src-cli"), "cli", "v1", 2, List.of("linux/amd64"));
      registry.push(app, "v1", "team/app");
      registry.push(cli, "v1", "tools/cli");
      registry.tag("tools/cli", "v1", "v2");
      registry.tag("tools/cli", "v1", "latest");
      Path file = mirrorFile(registry);
      long blobGetsBefore = registry.count("GET", "/blobs/");

      Cli.Run first = mirror(s3, file);
      assertEquals(0, first.exit(), first.toString());
      long blobs = app.blobs().size() + cli.blobs().size();
      assertEquals(blobs, registry.count("GET", "/blobs/") - blobGetsBefore, "each blob downloaded once");
      String host = BUCKET + ".localhost:" + s3.proxy.getPort();
      for (String ref : List.of("app:v1", "tools/cli:v1", "tools/cli:v2")) {
        String raw = Processes.ok(work, 300, List.of(skopeo.toString(), "inspect", "--raw", "--tls-verify=false",
            "docker://" + host + "/" + ref));
        String upstream = Processes.ok(work, 300, List.of(skopeo.toString(), "inspect", "--raw", "--tls-verify=false",
            "docker://" + registry.host() + "/" + (ref.startsWith("app") ? "team/" : "") + ref));
        assertEquals(upstream, raw, ref + ": the bucket serves upstream's bytes");
      }
      Processes.ok(work, 300, List.of(skopeo.toString(), "copy", "--all", "--src-tls-verify=false",
          "docker://" + host + "/app:v1", "oci:" + work.resolve("pulled") + ":v1"));
      assertTrue(first.out().contains("\"tools/cli\""), "the pattern selected v1 and v2 but not latest: " + first.out());

      long headsBefore = registry.count("HEAD", "/manifests/");
      long getsBefore = registry.count("GET", "/manifests/") + registry.count("GET", "/blobs/");
      Cli.Run again = mirror(s3, file);
      assertEquals(0, again.exit(), again.toString());
      assertEquals(3, registry.count("HEAD", "/manifests/") - headsBefore, "one HEAD per selected tag");
      assertEquals(0, registry.count("GET", "/manifests/") + registry.count("GET", "/blobs/") - getsBefore,
          "nothing downloaded on a re-run");
      for (String write : List.of("Put", "Copy", "Delete")) {
        assertEquals(0, requests(again, write), write + " on a re-run: " + again.out());
      }

      RepositoryTree app2 = images(work.resolve("src-app2"), "app", "v1", 3, List.of("linux/amd64", "linux/arm64"));
      registry.push(app2, "v1", "team/app");
      long blobGets = registry.count("GET", "/blobs/");
      Cli.Run moved = mirror(s3, file);
      assertEquals(0, moved.exit(), moved.toString());
      assertEquals(app2.blobs().size(), registry.count("GET", "/blobs/") - blobGets, "only the moved tag's blobs");

      Path tree = work.resolve("tree");
      Cli.Run toTree = Cli.run("mirror", "--config", file.toString(), "--tree", tree.toString());
      assertEquals(0, toTree.exit(), toTree.toString());
      Tree mirrored = TreeScanner.scan(tree);
      assertEquals(app2.tags().get("v1").manifest().digest(), mirrored.repositories().get("app").tags().get("v1").manifest().digest());
      assertEquals(List.of("v1", "v2"), List.copyOf(mirrored.repositories().get("tools/cli").tags().keySet()));
      Cli.Run treeAgain = Cli.run("mirror", "--config", file.toString(), "--tree", tree.toString(), "--output", "json");
      assertEquals(0, treeAgain.exit(), treeAgain.toString());
      assertEquals(0, requests(treeAgain, "Put"), treeAgain.out());
      assertTrue(Files.readString(tree.resolve("v2/app/manifests/v1"), StandardCharsets.UTF_8).contains("manifests"));
    }
  }
}
