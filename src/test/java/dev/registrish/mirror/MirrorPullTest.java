package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.registrish.testing.Cli;
import dev.registrish.testing.Containerd;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.Pulls;
import dev.registrish.testing.Tools;
import dev.registrish.tree.RepositoryTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a mirror wrote to a bucket, pulled back by containerd as Kubernetes pulls: every digest is upstream's. */
@EndToEnd
class MirrorPullTest {
  @TempDir
  Path work;

  @Test
  void mirror_pulledBackWithContainerd_digestsEqualUpstreams() throws Exception {
    Path containerd = Tools.require("containerd", "containerd");
    Path ctr = Tools.require("ctr", "containerd");
    try (MirrorFixture fx = MirrorFixture.anonymous(work)) {
      String bucket = fx.s3.newBucket("pullback");
      Hosts.ensure(bucket + ".localhost");
      RepositoryTree image = fx.push("team/app", "v1", 600, "linux/amd64", "linux/arm64");
      Path root = image.tags().get("v1").path().getParent().getParent().getParent().getParent();
      Cli.Run run = fx.mirror(bucket, fx.file("pull.yaml", "images:", "  - source: REGISTRY/team/app", "    target: img",
          "    tags: [v1]"));
      assertEquals(0, run.exit(), run.toString());

      try (Containerd c = Containerd.start(containerd, ctr, work.resolve("containerd"))) {
        Pulls.ctrFetches(c, bucket + ".localhost:" + fx.s3.proxy.getPort(), root, "img:v1", MirrorFixture.digest(image, "v1"));
      }
    }
  }
}
