package dev.registrish.hosting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.cli.ExitCodes;
import dev.registrish.cli.Main;
import dev.registrish.oci.Digest;
import dev.registrish.store.Credentials;
import dev.registrish.store.Endpoint;
import dev.registrish.store.EmbeddedEndpoint;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Profiles;
import dev.registrish.store.S3Clients;
import dev.registrish.store.S3ObjectStore;
import dev.registrish.store.Upload;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --profile local}: the embedded bucket's objects, with their stored headers, at the host root. */
class BucketFrontHandlerTest {
  @TempDir Path tmp;
  EmbeddedEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("registrish.local.dir", tmp.resolve("local-s3").toString());
    endpoint = EmbeddedEndpoint.start(EmbeddedEndpoint.defaultDataDir(), 0, "bkt");
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
    System.clearProperty("registrish.local.dir");
  }

  /** Writes every object with its headers, as publish does. */
  private void upload(List<TreeObject> objects) throws Exception {
    var profile = Profiles.load("local", Map.of());
    var ep = new Endpoint(profile, endpoint.uri(), "us-east-1", "bkt", "public-read",
        new Credentials.KeyPair("local", "local"));
    try (ObjectStore store = new S3ObjectStore(S3Clients.create(ep, 4), ep, 4)) {
      for (TreeObject o : objects) {
        store.put(new Upload(o.path(), o.file(), o.bytes(), null, o.size(), o.headers().contentType(), o.headers().cacheControl(), Map.of()));
      }
    }
  }

  @Test
  void serveLocal_passesStoredHeaders() throws Exception {
    Path root = tmp.resolve("tree");
    SampleTrees.hostingScenario(root);
    List<TreeObject> objects = TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null);
    upload(objects);
    try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, new BucketFrontHandler(endpoint.bucketUri("bkt"), HeaderRules.defaults()))) {
      for (TreeObject o : objects) {
        var r = RegistryChecks.send(server.uri(), "GET", "/" + o.path(), Map.of());
        String what = o.path();
        assertEquals(200, r.statusCode(), what);
        if (o.kind() == Kind.PING) {
          assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
          assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
          continue;
        }
        assertEquals(o.headers().contentType(), r.headers().firstValue("Content-Type").orElseThrow(), what);
        assertEquals(o.headers().cacheControl(), r.headers().firstValue("Cache-Control").orElseThrow(), what);
        assertEquals(o.digest(), Digest.sha256(r.body()), what);
        var head = RegistryChecks.send(server.uri(), "HEAD", "/" + o.path(), Map.of());
        assertEquals(Long.toString(o.size()), head.headers().firstValue("Content-Length").orElseThrow(), what);
      }
      TreeObject blob = objects.stream().filter(o -> o.kind() == Kind.BLOB).findFirst().orElseThrow();
      var part = RegistryChecks.send(server.uri(), "GET", "/" + blob.key(), Map.of("Range", "bytes=0-9"));
      assertEquals(206, part.statusCode());
      assertEquals(10, part.body().length);
      RegistryChecks.missing(server.uri(), "/v2/app/manifests/nope", "MANIFEST_UNKNOWN");
      RegistryChecks.missing(server.uri(), "/v2/app/blobs/sha256:" + "0".repeat(64), "BLOB_UNKNOWN");
      assertEquals(400, RegistryChecks.send(server.uri(), "GET", "/v2/%2e%2e/bkt", Map.of()).statusCode());
    }
  }

  @EndToEnd
  @Test
  void serveLocal_skopeoDockerAndPodmanPullEveryTag() throws Exception {
    Path skopeo = Tools.require("skopeo", "skopeo");
    Path root = tmp.resolve("tree");
    Map<String, Digest> tags = SampleTrees.hostingScenario(root);
    upload(TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null));
    try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, new BucketFrontHandler(endpoint.bucketUri("bkt"), HeaderRules.defaults()));
        DockerDaemon docker = DockerDaemon.start(tmp.resolve("docker")); Podman podman = Podman.create(tmp.resolve("podman"))) {
      String registry = server.uri().getAuthority();
      Pulls.skopeoCopiesEveryTag(skopeo, registry, root, tags, tmp);
      Pulls.dockerPullsEveryTag(docker, registry, root, tags);
      Pulls.podmanPullsEveryTag(podman, registry, root, tags);
      Pulls.missingTagIsManifestUnknown(docker, podman, registry, "app");
    }
  }

  @Test
  void serveLocal_pingWithoutPingObject() throws Exception {
    try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, new BucketFrontHandler(endpoint.bucketUri("bkt"), HeaderRules.defaults()))) {
      var r = RegistryChecks.send(server.uri(), "GET", "/v2/", Map.of());
      assertEquals(200, r.statusCode());
      assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void serveLocal_missingBucketIsAClearError() throws Exception {
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("serve", "--profile", "local", "--bucket", "nothere", "--port", "0");
    assertEquals(ExitCodes.FAILED, code);
    assertTrue(err.toString().contains("bucket 'nothere' does not exist"), err.toString());
  }
}
