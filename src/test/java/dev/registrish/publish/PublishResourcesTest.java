package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.store.ObjectStore;
import dev.registrish.testing.ChildJvm;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.Tools;
import dev.registrish.tree.TreeWriter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources stay bounded whatever the tree: a 2 GiB blob publishes with a 256 MB heap (streamed
 * from disk in parts, never held in memory), and 10 000 blobs publish with 256 file descriptors.
 */
@EndToEnd
class PublishResourcesTest {
  /** Size of the big blob; {@code -Dregistrish.test.bigBlobMiB=...} changes it. */
  static final long BIG = Long.getLong("registrish.test.bigBlobMiB", 2048) << 20;

  @TempDir
  Path work;

  @Test
  void publish_2GiBBlob_withA256MBHeap() throws Exception {
    Path tree = work.resolve("tree");
    Path blobs = tree.resolve("v2/big/blobs");
    Files.createDirectories(blobs);
    Path tmp = blobs.resolve(".registrish-tmp-layer");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 20];
    new Random(7).nextBytes(block);
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (long i = 0; i < BIG >> 20; i++) {
        block[(int) (i % block.length)] ^= (byte) i; // every MiB differs from the last
        sha.update(block);
        out.write(block);
      }
    }
    String layer = "sha256:" + HexFormat.of().formatHex(sha.digest());
    Files.move(tmp, blobs.resolve(layer));
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    TreeWriter.write(blobs.resolve(Digest.sha256(config).toString()), config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":"
        + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer
        + "\",\"size\":" + BIG + "}]}").getBytes(StandardCharsets.UTF_8);
    TreeWriter.write(tree.resolve("v2/big/manifests/" + Digest.sha256(manifest)), manifest);
    TreeWriter.write(tree.resolve("v2/big/manifests/latest"), manifest);

    // the local profile's embedded endpoint (S3Proxy on disk) runs in the same 256 MB child JVM
    Path data = work.resolve("local-s3");
    ChildJvm child = new ChildJvm(work, List.of("-Xmx256m"), List.of("publish", "--bucket", "big", "--profile", "local",
        "--tree", tree.toString(), "--concurrency", "4", "-q")).env("REGISTRISH_LOCAL_DIR", data.toString());
    int exit = child.run(0, 600);
    assertEquals(0, exit, child.err());
    assertTrue(!child.err().contains("OutOfMemoryError"), child.err());
    assertEquals(BIG, Files.size(data.resolve("big/v2/big/blobs/" + layer)), "the whole blob arrived");
  }

  @Test
  void publish_10000Blobs_underUlimit256() throws Exception {
    Tools.require("bash", "bash");
    Path tree = work.resolve("tree");
    Random random = new Random(3);
    for (int image = 0; image < 100; image++) {
      List<String> layers = new ArrayList<>();
      for (int i = 0; i < 99; i++) {
        byte[] b = new byte[64];
        random.nextBytes(b);
        Digest d = Digest.sha256(b);
        Files.createDirectories(tree.resolve("v2/many/blobs"));
        Files.write(tree.resolve("v2/many/blobs/" + d), b);
        layers.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + d + "\",\"size\":64}");
      }
      byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"image\":" + image + "}").getBytes(StandardCharsets.UTF_8);
      Files.write(tree.resolve("v2/many/blobs/" + Digest.sha256(config)), config);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
          + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":"
          + config.length + "},\"layers\":[" + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8);
      Files.createDirectories(tree.resolve("v2/many/manifests"));
      Files.write(tree.resolve("v2/many/manifests/" + Digest.sha256(manifest)), manifest);
      Files.write(tree.resolve("v2/many/manifests/v" + image), manifest);
    }
    try (S3ProxyFixture s3 = new S3ProxyFixture()) {
      s3.createBucket("many");
      // the client's own classpath: S3Proxy and the test libraries would hold a descriptor per jar
      ChildJvm child = new ChildJvm(work, List.of("-Xmx512m"), List.of("publish", "--bucket", "many", "--profile", "local",
          "--endpoint", s3.uri().toString(), "--tree", tree.toString(), "--concurrency", "16", "-q"),
          PublishResourcesTest::clientClasspath);
      int exit = child.run(256, 600);
      assertEquals(0, exit, child.err());
      try (ObjectStore store = s3.objectStore("many")) {
        assertEquals(10_000, store.list("v2/many/blobs/").size());
      }
    }
  }

  /** The jars a publish to a remote endpoint loads: registrish, the AWS SDK and its HTTP client, Jackson, picocli, logging. */
  static boolean clientClasspath(String entry) {
    return entry.endsWith("target/classes") || List.of("/software/amazon/", "/com/fasterxml/jackson/", "/info/picocli/",
        "/ch/qos/logback/", "/org/slf4j/", "/org/apache/httpcomponents/", "/commons-logging/", "/commons-codec/",
        "/org/reactivestreams/").stream().anyMatch(entry::contains);
  }
}
