package dev.registrish.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.OciLayouts;
import dev.registrish.testing.Processes;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.Tools;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real client: images copied by {@code skopeo copy --all ... dir:}, laid out as
 * dir2reg.sh does, published to S3Proxy, then pulled back by skopeo from the bucket's anonymous
 * virtual-host URL; digests must equal the local files.
 */
@EndToEnd
class SkopeoPullTest {
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
