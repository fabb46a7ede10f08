package dev.registrish.hosting;

import dev.registrish.oci.Digest;
import dev.registrish.testing.Containerd;
import dev.registrish.testing.DockerDaemon;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.NginxServer;
import dev.registrish.testing.Podman;
import dev.registrish.testing.Processes;
import dev.registrish.testing.Pulls;
import dev.registrish.testing.RegistryChecks;
import dev.registrish.testing.SampleTrees;
import dev.registrish.testing.Tools;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated nginx config, loaded by the real nginx, serves pulls by skopeo, containerd, Docker and podman. */
@EndToEnd
class NginxConfigPullTest {
  @TempDir Path tmp;

  @Test
  void render_realNginxServesSkopeoCtrDockerAndPodman() throws Exception {
    Path nginx = Tools.require("nginx", "nginx");
    Path skopeo = Tools.require("skopeo", "skopeo");
    Path containerd = Tools.require("containerd", "containerd");
    Path ctr = Tools.require("ctr", "containerd");
    Path root = tmp.resolve("tree");
    Map<String, Digest> tags = SampleTrees.hostingScenario(root);
    HeaderRules rules = new HeaderRules(Duration.ofMinutes(5)); // not the default: the config follows the rules it is given
    List<TreeObject> objects = TreeObjects.of(TreeScanner.scan(root), rules, null);
    int port = Processes.freePort();
    String config = new NginxConfig(rules).render(root, objects, "127.0.0.1:" + port);

    try (NginxServer server = NginxServer.start(nginx, tmp.resolve("nginx"), config, port)) {
      RegistryChecks.servesEveryObject(URI.create("http://" + server.registry()), objects);
      Pulls.skopeoCopiesEveryTag(skopeo, server.registry(), root, tags, tmp);
      try (Containerd c = Containerd.start(containerd, ctr, tmp.resolve("containerd"))) {
        Pulls.ctrFetches(c, server.registry(), root, SampleTrees.MULTI_ARCH, tags.get(SampleTrees.MULTI_ARCH));
      }
      try (DockerDaemon docker = DockerDaemon.start(tmp.resolve("docker")); Podman podman = Podman.create(tmp.resolve("podman"))) {
        Pulls.dockerPullsEveryTag(docker, server.registry(), root, tags);
        Pulls.podmanPullsEveryTag(podman, server.registry(), root, tags);
        Pulls.missingTagIsManifestUnknown(docker, podman, server.registry(), "app");
      }
    }
  }
}
