package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** --delete: only what the tree no longer has, never what remains referenced, in order, within grace and --max-delete. */
class PublishDeleteTest {
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir
  Path tree;
  String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = s3.newBucket("delete");
    SyntheticImages images = new SyntheticImages(tree, 1);
    byte[] base = images.layer("base", 512);
    images.image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of(base));
    images.image("app", "v2", List.of("linux/amd64"), 1, List.of(base));
    images.image("other", "1", List.of("linux/amd64"), 30, List.of());
    assertEquals(0, publish().exit());
  }

  Cli.Run publish(String... extra) {
    return s3.publish(bucket, tree, extra);
  }

  List<String> keys() throws Exception {
    return s3.keys(bucket);
  }

  List<String> treeKeys() throws Exception {
    try (var walk = Files.walk(tree.resolve("v2"))) {
      return walk.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void delete_emptyTree_refusedWithExit2AndNothingWritten() throws Exception {
    Path empty = Files.createDirectories(tree.resolveSibling(tree.getFileName() + "-empty").resolve("v2"));
    List<String> before = keys();
    s3.store.reset();
    Cli.Run run = s3.publish(bucket, empty.getParent(), "--delete", "--grace", "0");
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--force-delete"), "says how to force it: " + run.err());
    assertEquals(0, s3.store.writes(), "nothing written: " + s3.store.snapshot());
    assertEquals(before, keys());
  }

  @Test
  void delete_removedTag_keepsBlobsAnotherTagStillUses() throws Exception {
    Files.delete(tree.resolve("v2/app/manifests/v1"));
    // the digest files of v1's index and arm64 manifest stay in the tree: only the tag goes
    Cli.Run run = publish("--delete", "--grace", "0");
    assertEquals(0, run.exit(), run.toString());
    List<String> keys = keys();
    assertFalse(keys.contains("v2/app/manifests/v1"));
    for (String k : treeKeys()) {
      assertTrue(keys.contains(k), "still in the tree, still in the bucket: " + k);
    }
  }

  @Test
  void delete_goneImage_deletesTagsThenManifestsThenBlobs() throws Exception {
    PublishIntegrationTest.deleteTree(tree.resolve("v2/other"));
    s3.store.reset();
    Cli.Run run = publish("--delete", "--grace", "0");
    assertEquals(0, run.exit(), run.toString());
    List<String> removed = s3.store.removed().stream().filter(k -> k.startsWith("v2/")).toList();
    assertEquals(35, removed.size(), "tag, tags/list, manifest, its referrers document, config and 30 layers: " + removed);
    int lastNamed = -1;
    int firstManifest = Integer.MAX_VALUE;
    int lastManifest = -1;
    int firstBlob = Integer.MAX_VALUE;
    for (int i = 0; i < removed.size(); i++) {
      String k = removed.get(i);
      if (k.contains("/blobs/")) {
        firstBlob = Math.min(firstBlob, i);
      } else if (k.contains("/manifests/sha256:")) {
        firstManifest = Math.min(firstManifest, i);
        lastManifest = i;
      } else {
        lastNamed = i;
      }
    }
    assertTrue(lastNamed < firstManifest && lastManifest < firstBlob, "tags, then manifests, then blobs: " + removed);
    assertEquals(treeKeys(), keys().stream().filter(k -> k.startsWith("v2/") && !k.endsWith("/tags/list") && !k.equals("v2/")
        && !k.contains("/referrers/")).toList(), "the bucket holds exactly the tree");
  }

  @Test
  void delete_withinGrace_waitsThenDeletesOnceGraceHasPassed() throws Exception {
    PublishIntegrationTest.deleteTree(tree.resolve("v2/other"));
    Cli.Run first = publish("--delete", "--grace", "2s", "--tag-max-age", "1s");
    assertEquals(0, first.exit(), first.toString());
    assertFalse(keys().contains("v2/other/manifests/1"), "a tag goes at once");
    assertTrue(keys().stream().filter(k -> k.startsWith("v2/other/blobs/")).count() == 31, "blobs wait out the grace period");
    assertTrue(first.out().contains("wait ("), first.out());

    Cli.Run early = publish("--delete", "--grace", "1h");
    assertEquals(0, early.exit(), early.toString());
    assertEquals(33, keys().stream().filter(k -> k.startsWith("v2/other/")).count(), "still within the grace period");

    Thread.sleep(3100); // the store's clock (its Date header) counts whole seconds
    Cli.Run late = publish("--delete", "--grace", "2s", "--tag-max-age", "1s");
    assertEquals(0, late.exit(), late.toString());
    assertEquals(List.of(), keys().stream().filter(k -> k.startsWith("v2/other/")).toList(), late.out());
  }

  @Test
  void delete_overMaxDelete_deletesNothingAndSaysSo() throws Exception {
    PublishIntegrationTest.deleteTree(tree.resolve("v2/other"));
    s3.store.reset();
    Cli.Run run = publish("--delete", "--grace", "0", "--max-delete", "10");
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("35 deletions exceed --max-delete 10: nothing was deleted"), run.out());
    assertEquals(List.of(), s3.store.removed().stream().filter(k -> k.startsWith("v2/")).toList());
  }

  @Test
  void dryRun_listsEveryDeleteAndEveryWait() throws Exception {
    PublishIntegrationTest.deleteTree(tree.resolve("v2/other"));
    s3.store.reset();
    Cli.Run now = publish("--delete", "--grace", "0", "--dry-run");
    assertEquals(0, now.exit(), now.toString());
    Cli.Run later = publish("--delete", "--dry-run");
    assertEquals(0, s3.store.writes(), "a dry run writes nothing");
    for (String k : keys()) {
      if (k.startsWith("v2/other/")) {
        assertTrue(now.out().contains("  " + k + "  ("), "listed as a delete: " + k + "\n" + now.out());
        assertTrue(later.out().contains("  " + k + "  ("), "listed as a delete or a wait: " + k + "\n" + later.out());
      }
    }
    assertTrue(later.out().contains("wait (33)") && later.out().contains("delete (2)"), "tag and tags/list go at once, the rest waits: " + later.out());
  }

  @Test
  void delete_withRepositoryFilter_touchesOnlyThatRepository() throws Exception {
    PublishIntegrationTest.deleteTree(tree.resolve("v2/other"));
    Files.delete(tree.resolve("v2/app/manifests/v2"));
    Cli.Run run = publish("--delete", "--grace", "0", "--repository", "app", "--output", "json");
    assertEquals(0, run.exit(), run.toString());
    JsonNode report = Json.MAPPER.readTree(run.out());
    for (JsonNode c : report.get("changes")) {
      assertTrue(c.get("key").asText().startsWith("v2/app/"), c.toString());
    }
    assertTrue(keys().contains("v2/other/manifests/1"), "another repository is out of scope");
    assertFalse(keys().contains("v2/app/manifests/v2"));
    List<String> purge = new ArrayList<>();
    report.get("purge").forEach(p -> purge.add(p.asText()));
    assertTrue(purge.containsAll(List.of("v2/app/manifests/v2", "v2/app/tags/list")), "deleted tag and changed list: " + purge);
  }
}
