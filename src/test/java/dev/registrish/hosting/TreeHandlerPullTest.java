package dev.registrish.hosting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.testing.Containerd;
import dev.registrish.testing.DockerDaemon;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Podman;
import dev.registrish.testing.Pulls;
import dev.registrish.testing.RegistryChecks;
import dev.registrish.testing.SampleTrees;
import dev.registrish.testing.Tools;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrish serve}'s server: pulls by skopeo, containerd, Docker and podman, ranges, and no way out of v2/. */
class TreeHandlerPullTest {
  @TempDir Path tmp;
  Path root;
  Map<String, Digest> tags;
  List<TreeObject> objects;
  RegistryServer server;

  @BeforeEach
  void start() throws Exception {
    root = tmp.resolve("tree");
    tags = SampleTrees.hostingScenario(root);
    Files.writeString(root.resolve("secret.txt"), "outside v2");
    objects = TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null);
    server = RegistryServer.start("127.0.0.1", 0, new TreeHandler(objects, HeaderRules.defaults()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String registry() {
    return server.uri().getAuthority();
  }

  @Test
  void serve_headersOfEveryObjectAndJsonErrors() throws Exception {
    RegistryChecks.servesEveryObject(server.uri(), objects);
    var ping = RegistryChecks.send(server.uri(), "GET", "/v2/", Map.of());
    assertEquals("{}", new String(ping.body(), StandardCharsets.UTF_8));
    var post = RegistryChecks.send(server.uri(), "DELETE", "/v2/app/manifests/v1.json", Map.of());
    assertEquals(405, post.statusCode());
  }

  @EndToEnd
  @Test
  void serve_skopeoCopiesEveryTagAndCtrFetchesMultiArch() throws Exception {
    Path skopeo = Tools.require("skopeo", "skopeo");
    Path containerd = Tools.require("containerd", "containerd");
    Path ctr = Tools.require("ctr", "containerd");
    Pulls.skopeoCopiesEveryTag(skopeo, registry(), root, tags, tmp);
    try (Containerd c = Containerd.start(containerd, ctr, tmp.resolve("containerd"))) {
      Pulls.ctrFetches(c, registry(), root, SampleTrees.MULTI_ARCH, tags.get(SampleTrees.MULTI_ARCH));
    }
  }

  @EndToEnd
  @Test
  void serve_dockerAndPodmanPullEveryTag_missingTagIsManifestUnknown() throws Exception {
    try (DockerDaemon docker = DockerDaemon.start(tmp.resolve("docker")); Podman podman = Podman.create(tmp.resolve("podman"))) {
      Pulls.dockerPullsEveryTag(docker, registry(), root, tags);
      Pulls.podmanPullsEveryTag(podman, registry(), root, tags);
      Pulls.missingTagIsManifestUnknown(docker, podman, registry(), "app");
    }
  }

  @Test
  void serve_rangeOnBlobs() throws Exception {
    TreeObject blob = objects.stream().filter(o -> o.kind() == Kind.BLOB).findFirst().orElseThrow();
    byte[] all = Files.readAllBytes(blob.file());
    String path = "/" + blob.key();
    var part = RegistryChecks.send(server.uri(), "GET", path, Map.of("Range", "bytes=10-19"));
    assertEquals(206, part.statusCode());
    assertArrayEquals(Arrays.copyOfRange(all, 10, 20), part.body());
    assertEquals("bytes 10-19/" + all.length, part.headers().firstValue("Content-Range").orElseThrow());
    var tail = RegistryChecks.send(server.uri(), "GET", path, Map.of("Range", "bytes=-5"));
    assertArrayEquals(Arrays.copyOfRange(all, all.length - 5, all.length), tail.body());
    var open = RegistryChecks.send(server.uri(), "GET", path, Map.of("Range", "bytes=" + (all.length - 3) + "-"));
    assertEquals(3, open.body().length);
    var beyond = RegistryChecks.send(server.uri(), "GET", path, Map.of("Range", "bytes=" + all.length + "-"));
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + all.length, beyond.headers().firstValue("Content-Range").orElseThrow());
  }

  @Test
  void serve_pathEscapesNeverReachAFile() throws Exception {
    for (String path : List.of("/v2/../secret.txt", "/v2/%2e%2e/secret.txt", "/v2/%2E%2E/secret.txt",
        "/v2/app/%2e%2e/%2e%2e/secret.txt", "/v2/..%2fsecret.txt", "/v2//secret.txt", "//secret.txt",
        "/secret.txt", "/v2/app/blobs/", "/v2/app/", "/v2/app/manifests/", "/v2/%00", "/v2/%zz",
        "/v2/app/manifests/..%5c..%5csecret.txt")) {
      String response = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String status = response.substring(9, 12);
      assertTrue(status.equals("404") || status.equals("400"), path + ": " + response);
      assertFalse(response.contains("outside v2"), path);
    }
    String absolute = raw("GET http://x" + root.resolve("secret.txt") + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertFalse(absolute.contains("outside v2"));
  }

  /** Sends a request byte for byte, so that no client normalises the path first. */
  private String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
