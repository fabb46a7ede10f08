package dev.registrish.mirror;

import static dev.registrish.mirror.MirrorFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.cli.ExitCodes;
import dev.registrish.oci.Digest;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.tree.RepositoryTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's failure table, each row against the reference registry: the failing image gets a status and a
 * stable reason in the report, changes nothing in the bucket for its tags, and the other image of the file still
 * completes; the run exits 5 (1 when no image could be mirrored).
 */
@EndToEnd
class MirrorFailuresTest {
  private static final String SCHEMA1 = "{\"schemaVersion\":1,\"name\":\"fail/schema1\",\"tag\":\"v1\",\"architecture\":\"amd64\","
      + "\"fsLayers\":[{\"blobSum\":\"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4\"}],"
      + "\"history\":[{\"v1Compatibility\":\"{\\\"id\\\":\\\"x\\\"}\"}]}";

  @TempDir
  static Path work;

  static MirrorFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = MirrorFixture.anonymous(work);
    fx.push("fail/ok", "v1", 100, "linux/amd64");
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  /** A mirror file of the failing image (its lines) and of {@code fail/ok:v1}, which always mirrors. */
  static Path file(String name, String... failing) throws Exception {
    String[] lines = new String[failing.length + 4];
    lines[0] = "images:";
    System.arraycopy(failing, 0, lines, 1, failing.length);
    lines[failing.length + 1] = "  - source: REGISTRY/fail/ok";
    lines[failing.length + 2] = "    target: ok";
    lines[failing.length + 3] = "    tags: [v1]";
    return fx.file(name, lines);
  }

  static void assertFailed(Cli.Run run, String repository, String tag, String reason) throws Exception {
    JsonNode row = row(run, repository, tag);
    assertEquals("failed", row.get("status").asText(), run.toString());
    assertEquals(reason, row.get("reason").asText(), run.toString());
    assertTrue(row.get("message").asText().contains(": " + reason + ": "), row.toString());
    assertEquals(1, row.get("failingRuns").asInt(), row.toString());
  }

  static void assertOthersMirrored(Cli.Run run, String bucket) throws Exception {
    assertEquals(ExitCodes.PARTIAL, run.exit(), run.toString());
    assertTrue(run.err().lines().anyMatch(l -> l.startsWith("registrish: 1 of 2 images not mirrored (1 failed, 0 deferred; the others were); first: ")),
        run.err());
    assertEquals("fail/ok", row(run, "ok", "v1").get("source").asText().replaceFirst("^[^/]*/", ""));
    assertTrue(fx.keys(bucket).containsKey("v2/ok/manifests/v1"), "the other image is mirrored");
    assertFalse(run.err().contains("\tat "), "no stack trace");
  }

  @Test
  void mirror_upstreamDown_imageFailsAndKeepsItsTags() throws Exception {
    String bucket = fx.s3.newBucket("down");
    try (DistributionRegistry other = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("down")))) {
      MirrorFixture.push(other, work, "fail/down", "v1", 101, "linux/amd64");
      Path file = file("down.yaml", "  - source: " + other.host() + "/fail/down", "    target: down", "    tags: [v1]");
      assertEquals(0, fx.mirror(bucket, file).exit());
      Map<String, String> before = fx.keys(bucket, "down");
      other.close();

      Cli.Run run = fx.mirror(bucket, file);

      assertOthersMirrored(run, bucket);
      assertFailed(run, "down", "v1", "upstream-down");
      assertTrue(row(run, "down", "v1").get("message").asText().startsWith(other.host() + "/fail/down:v1: upstream-down: "));
      assertEquals(before, fx.keys(bucket, "down"), "the failed image changed nothing in the bucket");
    }
  }

  @Test
  void mirror_tagNotFound_wholeImageFails() throws Exception {
    String bucket = fx.s3.newBucket("notfound");
    fx.push("fail/notfound", "v1", 102, "linux/amd64");
    Path file = file("notfound.yaml", "  - source: REGISTRY/fail/notfound", "    target: notfound", "    tags: [v1, nope]");

    Cli.Run run = fx.mirror(bucket, file);

    assertOthersMirrored(run, bucket);
    assertFailed(run, "notfound", "nope", "tag-not-found");
    assertFailed(run, "notfound", "v1", "tag-not-found");
    assertEquals(Map.of(), fx.keys(bucket, "notfound"), "nothing of the failed image was written");
  }

  @Test
  void mirror_manifestDigestMismatch_imageFailsAndKeepsItsTag() throws Exception {
    String bucket = fx.s3.newBucket("badmanifest");
    RepositoryTree first = fx.push("fail/badmanifest", "v1", 103, "linux/amd64");
    Path file = file("badmanifest.yaml", "  - source: REGISTRY/fail/badmanifest", "    target: badmanifest", "    tags: [v1]");
    assertEquals(0, fx.mirror(bucket, file).exit());
    RepositoryTree moved = fx.push("fail/badmanifest", "v1", 104, "linux/amd64");
    Files.writeString(fx.registry.blobData(MirrorFixture.digest(moved, "v1")), "\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    Cli.Run run = fx.mirror(bucket, file);

    assertOthersMirrored(run, bucket);
    assertFailed(run, "badmanifest", "v1", "digest-mismatch");
    assertEquals(MirrorFixture.digest(first, "v1").toString(), row(run, "badmanifest", "v1").get("to").asText(),
        "the tag keeps the digest it had");
    assertEquals(MirrorFixture.digest(first, "v1"), fx.tag(bucket, "badmanifest", "v1"));
  }

  @Test
  void mirror_blobDigestMismatch_failsWhileWritingCountsRunsAndRecovers() throws Exception {
    String bucket = fx.s3.newBucket("badblob");
    RepositoryTree image = fx.push("fail/badblob", "v1", 105, "linux/amd64", "linux/arm64");
    Digest layer = image.blobs().values().stream().filter(b -> b.size() > 1000).findFirst().orElseThrow().digest();
    Path data = fx.registry.blobData(layer);
    byte[] good = Files.readAllBytes(data);
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    Files.write(data, bad);
    Path file = file("badblob.yaml", "  - source: REGISTRY/fail/badblob", "    target: badblob", "    tags: [v1]");

    for (int run = 1; run <= 3; run++) {
      Cli.Run r = fx.mirror(bucket, file);
      assertOthersMirrored(r, bucket);
      JsonNode row = row(r, "badblob", "v1");
      assertEquals("failed", row.get("status").asText(), r.toString());
      assertEquals("digest-mismatch", row.get("reason").asText());
      assertTrue(row.get("message").asText().contains(layer.toString()), row.toString());
      assertEquals(run, row.get("failingRuns").asInt());
      assertEquals(run, fx.marker(bucket).failing.get(fx.registry.host() + "/fail/badblob"), "marker after run " + run);
      assertNull(fx.tag(bucket, "badblob", "v1"), "no tag for an image whose blob failed");
      assertFalse(fx.keys(bucket, "badblob").containsKey("v2/badblob/blobs/" + layer), "the bad blob never lands");
    }
    Files.write(data, good);

    Cli.Run fixed = fx.mirror(bucket, file);

    assertEquals(0, fixed.exit(), fixed.toString());
    assertEquals(MirrorFixture.digest(image, "v1"), fx.tag(bucket, "badblob", "v1"));
    assertFalse(fx.marker(bucket).failing.containsKey(fx.registry.host() + "/fail/badblob"), "the count is cleared");
  }

  @Test
  void mirror_schema1_unsupportedMediaType() throws Exception {
    String bucket = fx.s3.newBucket("schema1");
    RepositoryTree image = fx.push("fail/schema1", "v1", 106, "linux/amd64");
    Files.writeString(fx.registry.blobData(MirrorFixture.digest(image, "v1")), SCHEMA1);
    Path file = file("schema1.yaml", "  - source: REGISTRY/fail/schema1", "    target: schema1", "    tags: [v1]");

    Cli.Run run = fx.mirror(bucket, file);

    assertOthersMirrored(run, bucket);
    assertFailed(run, "schema1", "v1", "unsupported-media-type");
    assertTrue(row(run, "schema1", "v1").get("message").asText().contains("schema1"), run.out());
    assertEquals(Map.of(), fx.keys(bucket, "schema1"));
  }

  @Test
  void mirror_platformNotInIndex_platformNotFoundOrNoted() throws Exception {
    String bucket = fx.s3.newBucket("platform");
    fx.push("fail/multi", "v1", 107, "linux/amd64", "linux/arm64");
    Path file = file("platform.yaml",
        "  - source: REGISTRY/fail/multi", "    target: s390x", "    tags: [v1]", "    platforms: [linux/s390x]",
        "  - source: REGISTRY/fail/multi", "    target: some", "    tags: [v1]", "    platforms: [linux/amd64, linux/riscv64]");

    Cli.Run run = fx.mirror(bucket, file);

    assertEquals(ExitCodes.PARTIAL, run.exit(), run.toString());
    assertFailed(run, "s390x", "v1", "platform-not-found");
    assertTrue(row(run, "s390x", "v1").get("message").asText().endsWith("the index has none of linux/s390x (it has "
        + "linux/amd64, linux/arm64)"), run.out());
    assertEquals(Map.of(), fx.keys(bucket, "s390x"));
    assertEquals("new", row(run, "some", "v1").get("status").asText());
    assertTrue(run.out().contains("the index has no linux/riscv64; the other platforms were mirrored"), run.out());
  }

  @Test
  void mirror_noImageCouldBeMirrored_exit1WithReport() throws Exception {
    String bucket = fx.s3.newBucket("none");
    Path file = fx.file("none.yaml", "images:", "  - source: REGISTRY/fail/absent", "    target: absent", "    tags: [v1]");

    Cli.Run run = Cli.run("mirror", "--config", file.toString(), "--bucket", bucket, "--profile", "local", "--endpoint",
        fx.s3.uri().toString());

    assertEquals(ExitCodes.FAILED, run.exit(), run.toString());
    assertTrue(run.out().contains("  absent:v1  failed     " + fx.registry.host() + "/fail/absent:v1: tag-not-found: "),
        run.out());
    String first = "registrish: no image could be mirrored (1 failed, 0 deferred); first: " + fx.registry.host()
        + "/fail/absent:v1: tag-not-found: ";
    assertTrue(run.err().lines().anyMatch(l -> l.startsWith(first)), run.err());
    assertEquals(1, fx.marker(bucket).failing.get(fx.registry.host() + "/fail/absent"));
  }
}
