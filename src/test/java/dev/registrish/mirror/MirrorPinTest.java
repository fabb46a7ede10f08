package dev.registrish.mirror;

import static dev.registrish.mirror.MirrorFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Digest;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.RepositoryTree;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins in a mirror file: {@code TAG@sha256:...} keeps the tag at its digest and says when upstream moved, and a bare
 * {@code @sha256:...} keeps a manifest and its blobs from --delete for as long as the file lists it.
 */
@EndToEnd
class MirrorPinTest {
  @TempDir
  static Path work;

  static MirrorFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = MirrorFixture.anonymous(work);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void mirror_pinnedTagMovedUpstream_keptAtItsPinAndReported() throws Exception {
    String bucket = fx.s3.newBucket("pinned");
    Digest pinned = MirrorFixture.digest(fx.push("pin/app", "v1", 500, "linux/amd64"), "v1");
    Path file = fx.file("pinned.yaml", "images:", "  - source: REGISTRY/pin/app", "    target: app",
        "    tags: [\"v1@" + pinned + "\"]");
    Cli.Run first = fx.mirror(bucket, file);
    assertEquals(0, first.exit(), first.toString());
    assertTrue(row(first, "app", "v1").get("reason").isNull(), "upstream still at the pin: " + first.out());
    Digest moved = MirrorFixture.digest(fx.push("pin/app", "v1", 501, "linux/amd64"), "v1");
    long gets = fx.registry.count("GET", "/manifests/") + fx.registry.count("GET", "/blobs/");

    Cli.Run run = fx.mirror(bucket, file);

    assertEquals(0, run.exit(), run.toString());
    JsonNode row = row(run, "app", "v1");
    assertEquals("unchanged", row.get("status").asText());
    assertEquals("pin-moved", row.get("reason").asText());
    assertEquals(pinned.toString(), row.get("to").asText());
    assertEquals(moved.toString(), row.get("upstream").asText());
    assertTrue(run.out().contains(fx.registry.host() + "/pin/app:v1 moved upstream to " + moved + "; kept at its pin "
        + pinned), run.out());
    assertEquals(pinned, fx.tag(bucket, "app", "v1"));
    assertEquals(0, fx.registry.count("GET", "/manifests/") + fx.registry.count("GET", "/blobs/") - gets,
        "the pinned digest is in the bucket: nothing downloaded");
    Cli.Run text = Cli.run("mirror", "--config", file.toString(), "--bucket", bucket, "--profile", "local", "--endpoint",
        fx.s3.uri().toString(), "--dry-run", "-v");
    assertTrue(text.out().contains("  app:v1  unchanged  " + pinned.toString().substring(0, 19) + "… (pinned; upstream now "
        + moved.toString().substring(0, 19) + "…)"), text.out());
  }

  @Test
  void mirror_bareDigestPin_keptFromDeletesWhileListed() throws Exception {
    String bucket = fx.s3.newBucket("bare");
    RepositoryTree old = fx.push("pin/gc", "v1", 510, "linux/amd64");
    Digest first = MirrorFixture.digest(old, "v1");
    assertEquals(0, fx.mirror(bucket, fx.file("bare.yaml", "images:", "  - source: REGISTRY/pin/gc", "    target: gc",
        "    tags: [v1]")).exit());
    Digest second = MirrorFixture.digest(fx.push("pin/gc", "v1", 511, "linux/amd64"), "v1");

    Cli.Run kept = fx.mirror(bucket, fx.file("bare.yaml", "images:", "  - source: REGISTRY/pin/gc", "    target: gc",
        "    tags: [v1, \"@" + first + "\"]"), "--delete", "--grace", "0");

    assertEquals(0, kept.exit(), kept.toString());
    assertEquals(second, fx.tag(bucket, "gc", "v1"));
    Map<String, String> keys = fx.keys(bucket, "gc");
    assertTrue(keys.containsKey("v2/gc/manifests/" + first), "the pinned manifest stays");
    for (BlobFile b : old.blobs().values()) {
      assertTrue(keys.containsKey("v2/gc/blobs/" + b.digest()), "its blob " + b.digest() + " stays");
    }

    Cli.Run unpinned = fx.mirror(bucket, fx.file("bare.yaml", "images:", "  - source: REGISTRY/pin/gc", "    target: gc",
        "    tags: [v1]"), "--delete", "--grace", "0");

    assertEquals(0, unpinned.exit(), unpinned.toString());
    Map<String, String> left = fx.keys(bucket, "gc");
    assertFalse(left.containsKey("v2/gc/manifests/" + first), "unlisted, the pin is collected");
    for (BlobFile b : old.blobs().values()) {
      assertFalse(left.containsKey("v2/gc/blobs/" + b.digest()), "its blob " + b.digest() + " too");
    }
    assertEquals(second, fx.tag(bucket, "gc", "v1"));
  }
}
