package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.cli.Main;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jclouds.blobstore.domain.ContainerAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings (pass unless --strict), image discovery through the catalog, and the exit codes of a failed run. */
class VerifyWarningsTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  static S3ProxyFixture s3;
  @TempDir
  static Path treeRoot;
  static ScenarioTree scenario;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture("transient");
    scenario = ScenarioTree.write(treeRoot);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  static S3ProxyTarget published() throws Exception {
    return new S3ProxyTarget(s3, "warnings-" + BUCKETS.incrementAndGet()).publish(scenario.objects);
  }

  /** Runs {@code registrish verify} with text output. */
  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void verify_tagCachedForAYearWarns() throws Exception {
    try (S3ProxyTarget target = published()) {
      var tag = scenario.tag("multi", "latest");
      target.replace("v2/multi/manifests/latest", tag.bytes(), tag.mediaType(), HeaderRules.IMMUTABLE, null);
      String url = target.url() + "v2/multi/manifests/latest";

      Run lenient = run("verify", "--url", target.url().toString(), "--tree", treeRoot.toString());
      assertEquals(0, lenient.exitCode(), lenient.out());
      assertTrue(lenient.out().startsWith("warning: " + url + ": Cache-Control 'public, max-age=31536000, immutable'"
          + " lets caches keep this tag for ever, longer than the tag policy (60 s)"), lenient.out());
      assertTrue(lenient.out().contains("4 images, 6 manifests, 12 blobs checked"), lenient.out());
      assertTrue(lenient.out().contains(": 0 problems, 1 warning\n"), lenient.out());

      assertEquals(3, run("verify", "--url", target.url().toString(), "--tree", treeRoot.toString(), "--strict").exitCode());
      assertEquals(0, run("verify", "--url", target.url().toString(), "--tree", treeRoot.toString(), "--strict",
          "--tag-max-age", "31536000", "--image", "app:v1").exitCode(), "the other tags are within a year");
    }
  }

  @Test
  void verify_blobServedAsDocumentOrShortLivedWarns() throws Exception {
    try (S3ProxyTarget target = published()) {
      var blob = scenario.objects.stream().filter(o -> o.kind() == RegistryKey.Kind.BLOB && o.repository().equals("multi"))
          .findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(blob.file());
      target.replace(blob.path(), bytes, "text/html", "public, max-age=60", null);
      String url = target.url() + blob.path();

      Run lenient = run("verify", "--url", target.url().toString(), "--tree", treeRoot.toString());
      assertEquals(0, lenient.exitCode(), lenient.out());
      assertTrue(lenient.out().contains("warning: " + url + ": Content-Type 'text/html', expected application/octet-stream"),
          lenient.out());
      assertTrue(lenient.out().contains("warning: " + url + ": Cache-Control 'public, max-age=60' on a blob, expected '"
          + HeaderRules.IMMUTABLE + "'"), lenient.out());
      assertEquals(3, run("verify", "--url", target.url().toString(), "--tree", treeRoot.toString(), "--strict").exitCode());
    }
  }

  @Test
  void verify_missingTagsListWarns() throws Exception {
    try (S3ProxyTarget target = published()) {
      target.delete("v2/app/tags/list");
      Run run = run("verify", "--url", target.url().toString(), "--image", "app:v2");
      assertEquals("warning: " + target.url() + "v2/app/tags/list: GET answers HTTP 404: 'skopeo list-tags' and"
          + " 'crane ls' fail (pulls by tag still work) [tags-list]", run.out().lines().findFirst().orElseThrow());
      assertEquals(0, run.exitCode());
    }
  }

  @Test
  void verify_publicBucketListingWarns() throws Exception {
    try (S3ProxyTarget target = published()) {
      s3.blobStore().setContainerAccess(target.bucket(), ContainerAccess.PUBLIC_READ);
      Run run = run("verify", "--url", target.url().toString(), "--tree", treeRoot.toString(), "--strict");
      assertEquals(List.of(
          "warning: " + target.url() + "?list-type=2&max-keys=1: answers an S3 ListBucketResult: anyone can list every"
              + " object of the bucket, including repositories left out of the catalog [public-listing]"),
          run.out().lines().filter(l -> l.startsWith("warning")).toList());
      assertEquals(3, run.exitCode());
    }
  }

  @Test
  void verify_withoutTreeFindsImagesInCatalog() throws Exception {
    try (S3ProxyTarget target = new S3ProxyTarget(s3, "catalog-" + BUCKETS.incrementAndGet())) {
      target.publish(TreeObjects.of(scenario.tree, HeaderRules.defaults(), scenario.tree.repositories().keySet()));
      Run run = run("verify", "--url", target.url().toString(), "--deep");
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().startsWith("4 images, 6 manifests, 12 blobs checked at " + target.url()), run.out());
    }
  }

  @Test
  void verify_withoutTreeOrCatalogIsAUsageError() throws Exception {
    try (S3ProxyTarget target = published()) {
      Run run = run("verify", "--url", target.url().toString());
      assertEquals(2, run.exitCode());
      assertEquals("registrish: no image to check: GET " + target.url() + "v2/_catalog gives no catalog (HTTP 404);"
          + " name the images with --image REPOSITORY:TAG or give the published tree with --tree DIR\n", run.err());
    }
  }

  @Test
  void verify_unreachableRegistryFails() throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Run run = run("verify", "--url", "http://127.0.0.1:" + port + "/", "--image", "app:v1");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("registrish: cannot reach the registry: GET http://127.0.0.1:" + port
        + "/v2/ got no response after 4 attempts (ConnectException"), run.err());
  }

  @Test
  void verify_badImageNameIsAUsageError() {
    Run run = run("verify", "--url", "http://127.0.0.1:9/", "--image", "App:v1");
    assertEquals(2, run.exitCode());
    assertEquals("registrish: verify: 'App:v1': invalid repository name 'App' (lower-case letters and digits, separated by"
        + " '.', '_', '__', '-' or '/')\n", run.err());
  }
}
