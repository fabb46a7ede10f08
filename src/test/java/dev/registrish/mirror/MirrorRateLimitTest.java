package dev.registrish.mirror;

import static dev.registrish.mirror.MirrorFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.cli.ExitCodes;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.FaultProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits, with a proxy in front of the reference registry that announces Docker Hub's pull limit on every
 * manifest HEAD or answers 429: what has finished is published, the rest is deferred in the report, and the run
 * never waits out a long Retry-After.
 */
@EndToEnd
class MirrorRateLimitTest {
  @TempDir
  static Path work;

  static MirrorFixture fx;
  static FaultProxy proxy;
  String bucket;
  Path file;

  @BeforeAll
  static void start() throws Exception {
    fx = MirrorFixture.anonymous(work);
    proxy = new FaultProxy(fx.registry.port());
    fx.push("rl/old", "v1", 400, "linux/amd64");
    fx.push("rl/new", "v1", 401, "linux/amd64", "linux/arm64");
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    fx.close();
  }

  /** A bucket where {@code rl/old} is mirrored already, and a file that also names the new multi-platform image. */
  @BeforeEach
  void oldMirrored() throws Exception {
    proxy.rule(r -> null);
    bucket = fx.s3.newBucket("limit");
    String source = "127.0.0.1:" + proxy.uri().getPort();
    assertEquals(0, fx.mirror(bucket, fx.file("limit.yaml", "images:", "  - source: " + source + "/rl/old", "    target: old",
        "    tags: [v1]")).exit());
    file = fx.file("limit.yaml", "images:", "  - source: " + source + "/rl/old", "    target: old", "    tags: [v1]",
        "  - source: " + source + "/rl/new", "    target: new", "    tags: [v1]");
  }

  static FaultProxy.Fault limit(int remaining) {
    return new FaultProxy.AddHeaders(List.of("RateLimit-Limit: 100;w=21600", "RateLimit-Remaining: " + remaining + ";w=21600"));
  }

  static void assertDeferred(Cli.Run run, String reason) throws Exception {
    assertEquals(ExitCodes.PARTIAL, run.exit(), run.toString());
    JsonNode row = row(run, "new", "v1");
    assertEquals("deferred", row.get("status").asText(), run.out());
    assertEquals(reason, row.get("reason").asText());
    assertTrue(row.get("failingRuns").isNull(), "a deferred image is not failing");
    assertEquals("unchanged", row(run, "old", "v1").get("status").asText(), "what needs no download is mirrored");
    assertTrue(run.err().contains("(0 failed, 1 deferred; the others were)"), run.err());
  }

  @Test
  void mirror_pullLimitSpent_newImageDeferredWithoutDownloads() throws Exception {
    proxy.rule(r -> r.method().equals("HEAD") && r.path().contains("/manifests/") ? limit(0) : null);
    long gets = fx.registry.count("GET", "/manifests/");

    Cli.Run run = fx.mirror(bucket, file);

    assertDeferred(run, "pull-limit");
    assertEquals(0, fx.registry.count("GET", "/manifests/") - gets, "no manifest GET once the budget is spent");
    assertTrue(run.out().contains("pull limit: 0 manifest downloads made, 0 left; images that needed more were deferred"),
        run.out());
    assertEquals(Map.of(), fx.keys(bucket, "new"));
    assertFalse(fx.marker(bucket).failing.containsKey("127.0.0.1:" + proxy.uri().getPort() + "/rl/new"));
  }

  @Test
  void mirror_pullLimitTooSmallForTheIndexChildren_deferredAfterOnlyTheIndex() throws Exception {
    proxy.rule(r -> r.method().equals("HEAD") && r.path().contains("/manifests/") ? limit(2) : null);
    long gets = fx.registry.count("GET", "/manifests/");

    Cli.Run small = fx.mirror(bucket, file);

    assertDeferred(small, "pull-limit");
    assertEquals(1, fx.registry.count("GET", "/manifests/") - gets, "the index, not its 2 children");
    assertTrue(row(small, "new", "v1").get("message").asText().contains("needs 2 more manifest downloads, the registry's "
        + "pull limit has 1 left"), small.out());

    proxy.rule(r -> r.method().equals("HEAD") && r.path().contains("/manifests/") ? limit(3) : null);
    long before = fx.registry.count("GET", "/manifests/");
    Cli.Run enough = fx.mirror(bucket, file);

    assertEquals(0, enough.exit(), enough.toString());
    assertEquals("new", row(enough, "new", "v1").get("status").asText());
    assertEquals(3, fx.registry.count("GET", "/manifests/") - before, "index and 2 platforms: 3 pulls");
    assertTrue(enough.out().contains("pull limit: 3 manifest downloads made, 0 left"), enough.out());
  }

  @Test
  void mirror_tooManyRequestsForAnHour_deferredNotWaited() throws Exception {
    proxy.rule(r -> r.method().equals("GET") && r.path().startsWith("/v2/rl/new/manifests/")
        ? new FaultProxy.Status(429, "TooManyRequests", List.of("Retry-After: 3600")) : null);

    Cli.Run run = fx.mirror(bucket, file);

    assertDeferred(run, "rate-limited");
    assertTrue(row(run, "new", "v1").get("message").asText().contains("HTTP 429, retry after 3600 s"), run.out());
    assertEquals(Map.of(), fx.keys(bucket, "new"));
  }
}
