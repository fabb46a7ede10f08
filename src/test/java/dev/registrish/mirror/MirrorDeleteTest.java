package dev.registrish.mirror;

import static dev.registrish.mirror.MirrorFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.cli.ExitCodes;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.FaultProxy;
import dev.registrish.tree.RepositoryTree;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror --delete}: a tag the file no longer names goes at once and its content after the grace period; a
 * pattern's tag goes only once upstream proves it gone; an unreadable upstream keeps everything; a share guard and
 * the marker's owners stop deletes that look like mistakes, until forced.
 */
@EndToEnd
class MirrorDeleteTest {
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

  /** Keys of a repository that hold content (blobs and manifests by digest). */
  static Map<String, String> content(Map<String, String> keys) {
    Map<String, String> out = new TreeMap<>(keys);
    out.keySet().removeIf(k -> !k.contains("/blobs/") && !k.contains("/manifests/sha256:"));
    return out;
  }

  static void deleteUpstream(String host, String repo, Digest digest) throws Exception {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repo
        + "/manifests/" + digest)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(202, r.statusCode(), "the registry deleted " + repo + "@" + digest);
  }

  @Test
  void mirrorDelete_tagRemovedFromFile_tagAtOnceContentAfterGrace() throws Exception {
    String bucket = fx.s3.newBucket("removed");
    fx.push("del/removed", "v1", 300, "linux/amd64");
    RepositoryTree v2 = fx.push("del/removed", "v2", 301, "linux/amd64");
    assertEquals(0, fx.mirror(bucket, fx.file("removed.yaml", "images:", "  - source: REGISTRY/del/removed",
        "    target: removed", "    tags: [v1, v2]")).exit());
    Map<String, String> v1Content = content(fx.keys(bucket, "removed"));
    Path file = fx.file("removed.yaml", "images:", "  - source: REGISTRY/del/removed", "    target: removed", "    tags: [v1]");

    Cli.Run graced = fx.mirror(bucket, file, "--delete");

    assertEquals(0, graced.exit(), graced.toString());
    assertEquals("removed", row(graced, "removed", "v2").get("status").asText());
    assertNull(fx.tag(bucket, "removed", "v2"), "the tag is deleted at once");
    assertEquals(v1Content, content(fx.keys(bucket, "removed")), "its content waits out the grace period");

    Cli.Run after = fx.mirror(bucket, file, "--delete", "--grace", "0");

    assertEquals(0, after.exit(), after.toString());
    Map<String, String> left = content(fx.keys(bucket, "removed"));
    assertFalse(left.containsKey("v2/removed/manifests/" + MirrorFixture.digest(v2, "v2")), "v2's manifest is deleted");
    v2.blobs().values().forEach(b -> assertFalse(left.containsKey("v2/removed/blobs/" + b.digest()), "v2's blob " + b.digest()));
    assertNotNull(fx.tag(bucket, "removed", "v1"));
    assertEquals(List.of("v1"), tags(bucket, "removed"));
  }

  /** The tags a repository's {@code tags/list} names in the bucket. */
  static List<String> tags(String bucket, String repository) throws Exception {
    try (ObjectStore store = fx.s3.objectStore(bucket)) {
      List<String> out = new ArrayList<>();
      Json.MAPPER.readTree(store.get("v2/" + repository + "/tags/list").orElseThrow()).get("tags")
          .forEach(t -> out.add(t.asText()));
      return out;
    }
  }

  @Test
  void mirrorDelete_patternTagGoneUpstream_deletedOnlyOnceProven() throws Exception {
    String bucket = fx.s3.newBucket("pattern");
    fx.push("del/pattern", "v1", 310, "linux/amd64");
    fx.push("del/pattern", "v2", 311, "linux/amd64");
    RepositoryTree v3 = fx.push("del/pattern", "v3", 312, "linux/amd64");
    try (FaultProxy proxy = new FaultProxy(fx.registry.port())) {
      Path file = fx.file("pattern.yaml", "images:", "  - source: 127.0.0.1:" + proxy.uri().getPort() + "/del/pattern",
          "    target: pattern", "    tag-pattern: 'v[0-9]+'");
      assertEquals(0, fx.mirror(bucket, file).exit());
      deleteUpstream(fx.registry.host(), "del/pattern", MirrorFixture.digest(v3, "v3"));
      Map<String, String> all = fx.keys(bucket, "pattern");

      proxy.rule(r -> r.path().endsWith("/tags/list") && r.target().contains("last=") ? FaultProxy.INTERNAL_ERROR
          : r.path().endsWith("/tags/list") ? new FaultProxy.AddHeaders(List.of("Link: </v2/del/pattern/tags/list?last=v2&n=2>; "
          + "rel=\"next\"")) : null);
      Cli.Run incomplete = fx.mirror(bucket, file, "--delete", "--grace", "0");
      proxy.rule(r -> r.method().equals("HEAD") && r.path().endsWith("/manifests/v3") ? FaultProxy.INTERNAL_ERROR : null);
      Cli.Run unproven = fx.mirror(bucket, file, "--delete", "--grace", "0");

      assertEquals(0, incomplete.exit(), incomplete.toString());
      assertTrue(incomplete.out().contains("deletes nothing: upstream's tag list did not answer every page, so v3 may "
          + "still exist upstream"), incomplete.out());
      assertEquals(0, unproven.exit(), unproven.toString());
      assertTrue(unproven.out().contains("deletes nothing: could not prove v3 gone"), unproven.out());
      assertEquals(all, fx.keys(bucket, "pattern"), "nothing deleted without proof");

      proxy.rule(r -> null);
      Cli.Run proven = fx.mirror(bucket, file, "--delete", "--grace", "0");

      assertEquals(0, proven.exit(), proven.toString());
      assertEquals("removed", row(proven, "pattern", "v3").get("status").asText());
      assertNull(fx.tag(bucket, "pattern", "v3"));
      assertFalse(fx.keys(bucket, "pattern").containsKey("v2/pattern/manifests/" + MirrorFixture.digest(v3, "v3")));
      assertEquals(List.of("v1", "v2"), tags(bucket, "pattern"));
    }
  }

  @Test
  void mirrorDelete_upstreamUnreadable_repositoryKeepsEverything() throws Exception {
    String bucket = fx.s3.newBucket("unreadable");
    fx.push("del/unreadable", "v1", 320, "linux/amd64");
    try (FaultProxy proxy = new FaultProxy(fx.registry.port())) {
      Path file = fx.file("unreadable.yaml", "images:", "  - source: 127.0.0.1:" + proxy.uri().getPort() + "/del/unreadable",
          "    target: unreadable", "    tag-pattern: 'v.*'");
      assertEquals(0, fx.mirror(bucket, file).exit());
      Map<String, String> all = fx.keys(bucket, "unreadable");
      proxy.rule(r -> r.path().endsWith("/tags/list") ? FaultProxy.INTERNAL_ERROR : null);

      Cli.Run run = fx.mirror(bucket, file, "--delete", "--grace", "0");

      assertEquals(ExitCodes.FAILED, run.exit(), run.toString());
      assertEquals("upstream-down", row(run, "unreadable", "v1").get("reason").asText());
      assertEquals(all, fx.keys(bucket, "unreadable"), "an unreadable upstream is never taken for gone");
      assertEquals(0, MirrorFixture.requests(run, "Delete"));
    }
  }

  @Test
  void mirrorDelete_moreThanHalfOfTags_refusedUntilForced() throws Exception {
    String bucket = fx.s3.newBucket("share");
    for (int i = 1; i <= 3; i++) {
      fx.push("del/share", "v" + i, 330 + i, "linux/amd64");
    }
    fx.push("del/gone", "v1", 335, "linux/amd64");
    assertEquals(0, fx.mirror(bucket, fx.file("share.yaml", "images:", "  - source: REGISTRY/del/share", "    target: share",
        "    tags: [v1, v2, v3]", "  - source: REGISTRY/del/gone", "    target: gone", "    tags: [v1]")).exit());
    Map<String, String> before = fx.keys(bucket);
    Path file = fx.file("share.yaml", "images:", "  - source: REGISTRY/del/share", "    target: share", "    tags: [v1]");

    Cli.Run kept = fx.mirror(bucket, file);
    Cli.Run refused = fx.mirror(bucket, file, "--delete", "--grace", "0");

    assertEquals(0, kept.exit(), kept.toString());
    assertTrue(kept.out().contains("gone: no longer in the mirror file; kept (--delete --force-delete removes it)"), kept.out());
    assertEquals(ExitCodes.INVALID, refused.exit(), refused.toString());
    assertEquals("registrish: --delete would delete more than half of the tags of gone: 1 of its 1 tags (v1); share: 2 of "
        + "its 3 tags (v2, v3). Nothing was written. Check the mirror file, or run again with --force-delete to delete "
        + "them.\n", refused.err());
    assertEquals(before, fx.keys(bucket), "nothing written");

    Cli.Run forced = fx.mirror(bucket, file, "--delete", "--grace", "0", "--force-delete");

    assertEquals(0, forced.exit(), forced.toString());
    assertEquals(List.of("v1"), tags(bucket, "share"));
    assertEquals(Map.of(), fx.keys(bucket, "gone"), "the repository the file no longer lists is gone");
    assertEquals(0, fx.mirror(bucket, file, "--delete").exit());
    assertFalse(fx.marker(bucket).owners.containsKey("gone"), "and, once empty, no longer owned");
  }

  @Test
  void mirror_repositoryAnotherFileOwns_neitherWrittenNorDeletedUntilTakenOver() throws Exception {
    String bucket = fx.s3.newBucket("owned");
    fx.push("del/owned", "v1", 340, "linux/amd64");
    fx.push("del/owned", "v2", 341, "linux/amd64");
    fx.push("del/other", "v1", 342, "linux/amd64");
    assertEquals(0, fx.mirror(bucket, fx.file("first.yaml", "images:", "  - source: REGISTRY/del/owned",
        "    target: owned", "    tags: [v1, v2]")).exit());
    Map<String, String> before = fx.keys(bucket, "owned");
    Path second = fx.file("second.yaml", "images:", "  - source: REGISTRY/del/other", "    target: owned", "    tags: [v1]");

    Cli.Run refused = fx.mirror(bucket, second, "--delete", "--grace", "0", "--force-delete");

    assertEquals(ExitCodes.FAILED, refused.exit(), refused.toString());
    assertEquals("owned-elsewhere", row(refused, "owned", "v1").get("reason").asText());
    assertTrue(row(refused, "owned", "v1").get("message").asText().contains("owned by mirror:first.yaml"), refused.out());
    assertEquals(before, fx.keys(bucket, "owned"), "another file's repository is neither written nor deleted");
    assertEquals("mirror:first.yaml", fx.marker(bucket).owners.get("owned"));

    Cli.Run taken = fx.mirror(bucket, second, "--take-over");

    assertEquals(0, taken.exit(), taken.toString());
    assertEquals("mirror:second.yaml", fx.marker(bucket).owners.get("owned"));
  }

  @Test
  void mirrorImage_oneOff_ownsNothingAndWritesNoOwnedRepository() throws Exception {
    String bucket = fx.s3.newBucket("oneoff");
    fx.push("del/filed", "v1", 345, "linux/amd64");
    assertEquals(0, fx.mirror(bucket, fx.file("filed.yaml", "images:", "  - source: REGISTRY/del/filed",
        "    target: filed", "    tags: [v1]")).exit());
    String[] common = {"--bucket", bucket, "--profile", "local", "--endpoint", fx.s3.uri().toString(), "--output", "json"};

    Cli.Run refused = Cli.run(concat(new String[] {"mirror", "--image", fx.registry.host() + "/del/filed:v1", "--target",
        "filed"}, common));
    Cli.Run loose = Cli.run(concat(new String[] {"mirror", "--image", fx.registry.host() + "/del/filed:v1", "--target",
        "loose"}, common));

    assertEquals(ExitCodes.FAILED, refused.exit(), refused.toString());
    assertEquals("owned-elsewhere", row(refused, "filed", "v1").get("reason").asText());
    assertEquals(0, loose.exit(), loose.toString());
    assertNotNull(fx.tag(bucket, "loose", "v1"));
    assertEquals(Map.of("filed", "mirror:filed.yaml"), fx.marker(bucket).owners, "a one-off mirror owns nothing");
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void publishDelete_repositoriesAMirrorOwns_keptUntilForced() throws Exception {
    String bucket = fx.s3.newBucket("publish");
    fx.push("del/mirrored", "v1", 350, "linux/amd64");
    assertEquals(0, fx.mirror(bucket, fx.file("mirrored.yaml", "images:", "  - source: REGISTRY/del/mirrored",
        "    target: mirrored", "    tags: [v1]")).exit());
    Map<String, String> mirrored = fx.keys(bucket, "mirrored");
    Path site = work.resolve("site");
    new SyntheticImages(site, 351).image("site", "v1", List.of("linux/amd64"), 1, List.of());

    Cli.Run kept = fx.s3.publish(bucket, site, "--delete", "--grace", "0");

    assertEquals(0, kept.exit(), kept.toString());
    assertTrue(kept.out().contains("note: deleted nothing in repositories another scope owns (--force-delete deletes "
        + "there): mirrored (mirror:mirrored.yaml)"), kept.out());
    assertEquals(mirrored, fx.keys(bucket, "mirrored"));

    Cli.Run forced = fx.s3.publish(bucket, site, "--delete", "--grace", "0", "--force-delete");

    assertEquals(0, forced.exit(), forced.toString());
    assertEquals(Map.of(), fx.keys(bucket, "mirrored"));
    assertNotNull(fx.tag(bucket, "site", "v1"));
  }
}
