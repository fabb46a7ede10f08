package dev.registrish.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.registrish.oci.RawManifest;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DockerDaemon;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * registrish publishes its own container image: the image tarball Jib built ({@code mvn -Pimage package})
 * imported into a tree, published to S3Proxy, pulled back by a Docker engine of the test's own, and run
 * on the tree it was published from (mounted as its working folder): {@code --version}, {@code ls}, and a
 * publish to the embedded endpoint inside the container. Runs after {@code package} (maven-failsafe-plugin).
 */
class ContainerImageIT {
  static final String BUCKET = "image";
  static final String REPOSITORY = "registrish";

  static Path imageTarball() {
    Path tar = Path.of(System.getProperty("registrish.image", "target/registrish-image.tar"));
    String msg = tar + " is missing: build it with mvn -Pimage package (see scripts/base-image)";
    if (!Files.isRegularFile(tar) && System.getenv("CI") != null) {
      fail(msg + "; CI must build it in .ci/run");
    }
    assumeTrue(Files.isRegularFile(tar), msg + ": skipping");
    return tar;
  }

  @Test
  void image_publishedThenPulledByDocker_runsRegistrish(@TempDir Path work) throws Exception {
    Path image = imageTarball();
    String version = System.getProperty("registrish.version");
    Path tree = work.resolve("tree");
    Cli.Run imported = Cli.run("import", image.toString(), "--format", "oci-archive", "--tree", tree.toString(),
        "--image", REPOSITORY, "--tag", version);
    assertEquals(0, imported.exit(), imported.toString());
    RawManifest manifest = RawManifest.parse(Files.readAllBytes(tree.resolve("v2/" + REPOSITORY + "/manifests/" + version)));

    Hosts.ensure(BUCKET + ".localhost");
    try (S3ProxyFixture s3 = new S3ProxyFixture(); DockerDaemon docker = DockerDaemon.start(work.resolve("docker"))) {
      s3.createBucket(BUCKET);
      Cli.Run published = s3.publish(BUCKET, tree);
      assertEquals(0, published.exit(), published.toString());

      String ref = BUCKET + ".localhost:" + s3.proxy.getPort() + "/" + REPOSITORY + ":" + version;
      docker.ok(600, List.of("pull", ref));
      assertEquals(manifest.template().config.digest, docker.ok(60, List.of("image", "inspect", "--format", "{{.Id}}", ref)).strip(),
          "the pulled image is the one published");
      String ran = docker.ok(300, List.of("run", "--rm", "--network", "none", ref, "--version"));
      assertEquals("registrish " + version, ran.strip());
      String listed = docker.ok(300, List.of("run", "--rm", "--network", "none", "-v", tree + ":/work", ref, "ls"));
      assertTrue(listed.contains(REPOSITORY + ":" + version), "ls of the mounted tree:\n" + listed);
      String inside = docker.ok(300, List.of("run", "--rm", "--network", "none", "-v", tree + ":/work", "-e", "REGISTRISH_LOCAL_DIR=/tmp/s3",
          ref, "publish", "--profile", "local", "--bucket", "inside"));
      assertTrue(inside.contains(REPOSITORY + ":" + version) && inside.contains("Stored in /tmp/s3"),
          "a publish to the embedded endpoint in the container:\n" + inside);
    }
  }
}
