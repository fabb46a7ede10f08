package dev.registrish.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DockerDaemon;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.OciLayouts;
import dev.registrish.testing.Podman;
import dev.registrish.testing.Processes;
import dev.registrish.testing.Pulls;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.SampleTrees;
import dev.registrish.testing.Tools;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real clients: trees published to S3Proxy, then pulled back from the bucket's anonymous
 * virtual-host URL by skopeo (images laid out as dir2reg.sh does), Docker and podman; digests must equal
 * the local files.
 */
@EndToEnd
class BucketPullTest {
  static final String BUCKET = "e2e";

  @Test
  void publish_thenSkopeoPullsEveryTag_ociAndDocker(@TempDir Path work) throws Exception {
    Path skopeo = Tools.require("skopeo", "skopeo");
    Hosts.ensure(BUCKET + ".localhost");
    Path source = work.resolve("source");
    new SyntheticImages(source, 21).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 2, List.of());
    new SyntheticImages(source, 22).docker(true).image("dock", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    Tree sourceTree = TreeScanner.scan(source);

    Path tree = work.resolve("tree");
    for (String repo : List.of("app", "dock")) {
      Path layout = work.resolve("layout-" + repo);
      OciLayouts.write(sourceTree.repositories().get(repo), "v1", layout);
      Path dir = work.resolve("dir-" + repo);
      Processes.ok(work, 300, List.of(skopeo.toString(), "copy", "--all", "oci:" + layout + ":v1", "dir:" + dir));
      dir2reg(dir, tree, repo, "v1");
    }

    try (S3ProxyFixture s3 = new S3ProxyFixture()) {
      s3.createBucket(BUCKET);
      Cli.Run run = Cli.run("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", s3.uri().toString(),
          "--tree", tree.toString());
      assertEquals(0, run.exit(), run.toString());
      String host = BUCKET + ".localhost:" + s3.proxy.getPort();
      for (String repo : List.of("app", "dock")) {
        String ref = "docker://" + host + "/" + repo + ":v1";
        String raw = Processes.ok(work, 300, List.of(skopeo.toString(), "inspect", "--raw", "--tls-verify=false", ref));
        byte[] local = Files.readAllBytes(tree.resolve("v2/" + repo + "/manifests/v1"));
        assertEquals(Digest.sha256(local), Digest.sha256(raw.getBytes(StandardCharsets.UTF_8)), repo + ": tag digest");
        Path out = work.resolve("pulled-" + repo);
        Processes.ok(work, 300, List.of(skopeo.toString(), "copy", "--all", "--src-tls-verify=false", ref, "dir:" + out));
        assertEquals(Digest.sha256(local), Digest.sha256(Files.readAllBytes(out.resolve("manifest.json"))), repo + ": pulled");
      }
    }
  }

  @Test
  void publish_thenDockerAndPodmanPullEveryTag_missingTagIsTheStoresXml(@TempDir Path work) throws Exception {
    Hosts.ensure(BUCKET + ".localhost");
    Path tree = work.resolve("tree");
    Map<String, Digest> tags = SampleTrees.hostingScenario(tree);
    try (S3ProxyFixture s3 = new S3ProxyFixture(); DockerDaemon docker = DockerDaemon.start(work.resolve("docker"));
        Podman podman = Podman.create(work.resolve("podman"))) {
      s3.createBucket(BUCKET);
      Cli.Run run = s3.publish(BUCKET, tree);
      assertEquals(0, run.exit(), run.toString());
      String host = BUCKET + ".localhost:" + s3.proxy.getPort();
      Pulls.dockerPullsEveryTag(docker, host, tree, tags);
      Pulls.podmanPullsEveryTag(podman, host, tree, tags);
      // a bucket answers a missing key with its own XML error, which neither client reads as a registry error
      String dockerShows = Pulls.dockerPullsMissingTag(docker, host, "app");
      assertTrue(dockerShows.contains("error parsing HTTP 404 response body") && dockerShows.contains("NoSuchKey"), dockerShows);
      String podmanShows = Pulls.podmanPullsMissingTag(podman, host, "app");
      assertTrue(podmanShows.contains("StatusCode: 404, <?xml"), podmanShows);
    }
  }

  /** What dir2reg.sh does with a skopeo dir: folder. */
  static void dir2reg(Path dir, Path tree, String image, String tag) throws Exception {
    Path blobs = Files.createDirectories(tree.resolve("v2/" + image + "/blobs"));
    Path manifests = Files.createDirectories(tree.resolve("v2/" + image + "/manifests"));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        String sha = Digest.sha256(Files.readAllBytes(f)).toString();
        if (name.equals("version")) {
          Files.delete(f);
        } else if (name.equals("manifest.json")) {
          Files.copy(f, manifests.resolve(tag), StandardCopyOption.REPLACE_EXISTING);
          Files.move(f, manifests.resolve(sha), StandardCopyOption.REPLACE_EXISTING);
        } else if (name.endsWith(".manifest.json")) {
          Files.move(f, manifests.resolve(sha), StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.move(f, blobs.resolve(sha), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
