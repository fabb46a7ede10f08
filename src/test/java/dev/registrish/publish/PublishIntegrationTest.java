package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.registrish.oci.Json;
import dev.registrish.oci.MediaType;
import dev.registrish.publish.state.LockHolder;
import dev.registrish.publish.state.Marker;
import dev.registrish.publish.state.RunMarker;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.Upload;
import dev.registrish.testing.Cli;
import dev.registrish.testing.LockState;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.HeaderRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Publish against a real S3 API (S3Proxy in-process); writes are counted on the server side. */
class PublishIntegrationTest {
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir
  Path tree;
  String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = s3.newBucket("publish");
    SyntheticImages images = new SyntheticImages(tree, 1);
    images.image("app", "v1", List.of("linux/amd64", "linux/arm64"), 2, List.of());
    images.docker(true).image("tools/cli", "1.0.gz", List.of("linux/amd64"), 1, List.of());
  }

  Cli.Run publish(String... extra) {
    return s3.publish(bucket, tree, extra);
  }

  List<String> keys() throws Exception {
    return s3.keys(bucket);
  }

  RemoteHead head(String key) throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return store.head(key).orElseThrow(() -> new AssertionError("missing " + key));
    }
  }

  @Test
  void publish_newTree_uploadsEveryObjectWithItsHeaders() throws Exception {
    Cli.Run run = publish();
    assertEquals(0, run.exit(), run.toString());
    List<String> keys = keys();
    assertTrue(keys.contains("v2/"), keys.toString());
    assertTrue(keys.contains("v2/app/tags/list"));
    assertTrue(keys.contains("registrish.marker.json"));
    try (ObjectStore store = s3.objectStore(bucket)) {
      assertEquals("released", LockState.of(store, ""), "lock released");
    }
    assertEquals(MediaType.OCI_INDEX, head("v2/app/manifests/v1").contentType());
    assertEquals("public, max-age=60", head("v2/app/manifests/v1").cacheControl());
    assertEquals(MediaType.DOCKER_MANIFEST, head("v2/tools/cli/manifests/1.0.gz").contentType());
    String blob = keys.stream().filter(k -> k.startsWith("v2/app/blobs/")).findFirst().orElseThrow();
    assertEquals(MediaType.OCTET_STREAM, head(blob).contentType());
    assertEquals(HeaderRules.IMMUTABLE, head(blob).cacheControl());
    assertTrue(run.out().contains("app:v1") && run.out().contains("new"), run.out());
  }

  @Test
  void publish_unchangedTree_makesNoWriteAndOneListing() throws Exception {
    assertEquals(0, publish().exit());
    s3.store.reset();
    Cli.Run run = publish();
    assertEquals(0, run.exit(), run.toString());
    assertEquals(0, s3.store.writes(), s3.store.snapshot().toString());
    assertEquals(1, s3.store.get("list"), s3.store.snapshot().toString());
    // the local profile's store keeps v2/ as a folder that a listing of v2/ does not show: one HEAD checks it
    assertEquals(1, s3.store.get("head"), "no other HEAD on a no-op: " + s3.store.snapshot());
    assertEquals(0, s3.store.get("get") - 1, "one GET, the marker: " + s3.store.snapshot());
    assertTrue(run.out().contains("0 upload"), run.out());
  }

  @Test
  void publish_unchangedTreeADayAfterTheLastRun_recordsThisRunInTheMarkerOnly() throws Exception {
    assertEquals(0, publish().exit());
    try (ObjectStore store = s3.objectStore(bucket)) {
      Marker.State read = Marker.read(store, "");
      read.marker().lastRun = read.storeTime().minus(Duration.ofHours(25)).toString();
      Marker.write(store, "", read.marker(), Precondition.none());
    }
    Cli.Run run = publish("--output", "json");
    assertEquals(0, run.exit(), run.toString());
    // the requests of a no-op (the listing, the marker, the HEAD of v2/) and one write of the marker, on its ETag; no lock
    assertEquals(Map.of("Get", 1, "Head", 1, "List", 1, "Put", 1),
        Json.MAPPER.convertValue(Json.MAPPER.readTree(run.out()).get("requests"), Map.class), run.out());
    try (ObjectStore store = s3.objectStore(bucket)) {
      assertTrue(RunMarker.lastRunAge(Marker.read(store, "")).compareTo(Duration.ofMinutes(1)) < 0, "the run's time is recorded");
    }
    s3.store.reset();
    assertEquals(0, publish().exit());
    assertEquals(0, s3.store.writes(), "once a day at most: " + s3.store.snapshot());
  }

  @Test
  void publish_objectOverwrittenByAnotherTool_headersCheckedAndFixed() throws Exception {
    assertEquals(0, publish().exit());
    Thread.sleep(3000); // the store's clock counts whole seconds: the foreign write must come after this run's end
    byte[] tag = Files.readAllBytes(tree.resolve("v2/app/manifests/v1"));
    try (ObjectStore store = s3.objectStore(bucket)) {
      store.put(new Upload("v2/app/manifests/v1", null, tag, null, tag.length, "binary/octet-stream", null, Map.of()));
    }
    Cli.Run run = publish("--output", "json");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("\"action\" : \"fix-metadata\",\n    \"key\" : \"v2/app/manifests/v1\""), run.out());
    assertEquals(MediaType.OCI_INDEX, head("v2/app/manifests/v1").contentType());
  }

  @Test
  void dryRun_writesNothingAndExitCodeSaysChanges() throws Exception {
    s3.store.reset();
    Cli.Run run = publish("--dry-run", "--exit-code");
    assertEquals(3, run.exit(), run.toString());
    assertEquals(0, s3.store.writes(), s3.store.snapshot().toString());
    assertTrue(run.out().startsWith("Dry run"), run.out());
    assertEquals(List.of(), keys());
    assertEquals(0, publish().exit());
    assertEquals(0, publish("--dry-run", "--exit-code").exit(), "no changes: exit 0");
  }

  @Test
  void publish_changedTag_replacesOnlyItsNewObjects() throws Exception {
    assertEquals(0, publish().exit());
    new SyntheticImages(tree, 99).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    s3.store.reset();
    Cli.Run run = publish("--output", "json");
    assertEquals(0, run.exit(), run.toString());
    // one layer, one config, one manifest, its referrers document, the tag; the marker twice (generation raised before the first write, then the
    // new digest and the run's time) and the lock twice (taken, released); nothing else
    assertEquals(9, s3.store.get("put"), s3.store.snapshot().toString());
    assertTrue(run.out().contains("\"status\" : \"updated\""), run.out());
    List<String> purge = new ArrayList<>();
    Json.MAPPER.readTree(run.out()).get("purge").forEach(p -> purge.add(p.asText()));
    assertTrue(purge.contains("v2/app/manifests/v1"), "the moved tag is listed for a CDN purge: " + purge);
    assertTrue(purge.stream().noneMatch(k -> k.contains("/blobs/") || k.contains("/manifests/sha256:")),
        "content-addressed keys never change: " + purge);
  }

  @Test
  void publish_newImage_sendsOnlyItsObjects() throws Exception {
    assertEquals(0, publish().exit());
    new SyntheticImages(tree, 5).image("new/img", "latest", List.of("linux/amd64"), 1, List.of());
    s3.store.reset();
    Cli.Run run = publish();
    assertEquals(0, run.exit(), run.toString());
    // layer, config, manifest, its referrers document, tag, tags/list; marker twice (generation, then the new tag
    // recorded); lock twice
    assertEquals(10, s3.store.get("put"), s3.store.snapshot().toString());
    assertTrue(run.out().matches("(?s).*new/img:latest +new .*"), run.out());
  }

  @Test
  void publish_withPrefix_keepsEverythingUnderIt() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      store.put(new Upload("other/file", null, "x".getBytes(), null, 1, "text/plain", null, Map.of()));
    }
    assertEquals(0, publish("--prefix", "/mirror", "--delete").exit());
    for (String key : keys()) {
      assertTrue(key.startsWith("mirror/") || key.equals("other/file"), key);
    }
    assertTrue(keys().contains("mirror/v2/app/manifests/v1"));
    assertTrue(keys().contains("other/file"), "nothing outside the prefix is touched");
  }

  @Test
  void publish_strayFile_failsNamingItAndWritesNothing() throws Exception {
    Files.writeString(tree.resolve("v2/app/notes.txt"), "hello");
    Files.writeString(tree.resolve("v2/app/.DS_Store"), "litter is skipped");
    s3.store.reset();
    Cli.Run run = publish();
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("notes.txt"), run.err());
    assertFalse(run.err().contains(".DS_Store"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace");
    assertEquals(0, s3.store.writes());
  }

  @Test
  void publish_corruptBlob_failsBeforeAnyWrite() throws Exception {
    Path blob;
    try (var files = Files.list(tree.resolve("v2/app/blobs"))) {
      blob = files.findFirst().orElseThrow();
    }
    Files.write(blob, "tampered".getBytes());
    s3.store.reset();
    Cli.Run run = publish();
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains(blob.getFileName().toString()) && run.err().contains("does not match"), run.err());
    assertEquals(0, s3.store.writes());
  }

  @Test
  void delete_removesOnlyWhatTheTreeNoLongerHas() throws Exception {
    new SyntheticImages(tree, 3).image("gone", "v1", List.of("linux/amd64"), 1, List.of());
    assertEquals(0, publish().exit());
    deleteTree(tree.resolve("v2/gone"));
    Files.delete(tree.resolve("v2/tools/cli/manifests/1.0.gz"));
    Cli.Run run = publish("--delete", "--grace", "0");
    assertEquals(0, run.exit(), run.toString());
    List<String> keys = keys();
    assertTrue(keys.stream().noneMatch(k -> k.startsWith("v2/gone/")), keys.toString());
    assertFalse(keys.contains("v2/tools/cli/manifests/1.0.gz"));
    assertTrue(keys.contains("v2/app/manifests/v1"));
    assertTrue(keys.stream().filter(k -> k.startsWith("v2/tools/cli/blobs/")).count() > 0,
        "blobs still in the tree stay");
    assertTrue(run.out().contains("gone:v1") && run.out().contains("removed"), run.out());
  }

  @Test
  void delete_keepsUnreferencedBlobsForTheGracePeriod() throws Exception {
    assertEquals(0, publish().exit());
    new SyntheticImages(tree, 77).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    deleteTree(tree.resolve("v2/app"));
    new SyntheticImages(tree, 77).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    Cli.Run run = publish("--delete");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("wait ("), run.out());
    assertEquals(0, new ObjectMapper().readTree(publish("--delete", "--dry-run", "--output", "json")
        .out()).get("summary").get("delete").asInt(), "still within the grace period");
  }

  @Test
  void publish_takeOverOfReg2bucketBucket_fixesHeadersWithoutReupload() throws Exception {
    new SyntheticImages(tree, 11).omitMediaType(true).image("oci", "v1", List.of("linux/amd64"), 1, List.of());
    // what reg2bucket.sh leaves: blobs with the CLI's guessed type, manifests as schema1, no marker, no ping
    try (ObjectStore store = s3.objectStore(bucket)) {
      try (var walk = Files.walk(tree.resolve("v2"))) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          String key = tree.relativize(f).toString();
          boolean manifest = key.contains("/manifests/");
          byte[] b = Files.readAllBytes(f);
          store.put(new Upload(key, null, b, null, b.length,
              manifest ? MediaType.SCHEMA1_SIGNED : "binary/octet-stream", null, Map.of()));
        }
      }
    }
    s3.store.reset();
    Cli.Run run = publish();
    assertEquals(0, run.exit(), run.toString());
    assertEquals(MediaType.OCI_MANIFEST, head("v2/oci/manifests/v1").contentType());
    assertEquals(MediaType.OCTET_STREAM, head(keys().stream().filter(k -> k.startsWith("v2/oci/blobs/")).findFirst().orElseThrow())
        .contentType());
    // only derived documents (tags lists, referrers documents, ping), the marker (twice), the lock (twice) and, on this first run, the probe of
    // conditional writes (written twice, then removed) are sent; the rest is fixed in place by copy
    assertEquals(keys().stream().filter(k -> k.endsWith("/tags/list") || k.contains("/referrers/")).count() + 7, s3.store.get("put"), s3.store.snapshot().toString());
    assertTrue(s3.store.get("copy") > 0);
    s3.store.reset();
    assertEquals(0, publish().exit());
    assertEquals(0, s3.store.writes(), "second run is a no-op: " + s3.store.snapshot());
  }

  @Test
  void publish_withVerify_pullChecksEveryTag() throws Exception {
    Cli.Run run = publish("--verify", "--url", s3.uri() + "/" + bucket);
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("app:v1"), run.out());
  }

  @Test
  void publish_withVerify_withoutUrl_saysHowBeforeWriting() throws Exception {
    s3.store.reset();
    Cli.Run run = publish("--verify");
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--verify needs the public URL"), run.err());
    assertEquals(0, s3.store.writes());
  }

  @Test
  void repository_twoShardsEqualOneFullPublish() throws Exception {
    assertEquals(0, publish("--repository", "app").exit());
    assertTrue(keys().stream().noneMatch(k -> k.startsWith("v2/tools/")), "first shard publishes only its repository");
    assertEquals(0, publish("--repository", "tools/**").exit());
    List<String> sharded = keys();
    String full = bucket;
    bucket = full + "full";
    s3.createBucket(bucket);
    assertEquals(0, publish().exit());
    assertEquals(keys().stream().filter(k -> k.startsWith("v2/")).toList(),
        sharded.stream().filter(k -> k.startsWith("v2/")).toList(), "the shards' locks are named by shard, the registry the same");
  }

  @Test
  void repository_matrixOfTwoConcurrentShards_equalsOneFullPublish() throws Exception {
    SyntheticImages more = new SyntheticImages(tree, 9);
    for (int i = 0; i < 6; i++) {
      more.image("team/app" + i, "v1", List.of("linux/amd64"), 2, List.of());
    }
    ExecutorService matrix = Executors.newFixedThreadPool(2);
    try {
      var shardA = matrix.submit(() -> publish("--repository", "app", "--repository", "tools/**", "--verify", "--url",
          s3.uri() + "/" + bucket));
      var shardB = matrix.submit(() -> publish("--repository", "team/**", "--verify", "--url", s3.uri() + "/" + bucket));
      Cli.Run a = shardA.get();
      Cli.Run b = shardB.get();
      assertEquals(0, a.exit(), a.toString());
      assertEquals(0, b.exit(), b.toString());
      assertTrue(a.out().contains("app:v1") && !a.out().contains("team/app0:v1"), "verify checks only its shard: " + a.out());
    } finally {
      matrix.shutdownNow();
    }
    List<String> sharded = keys();
    var marker = Json.MAPPER.readTree(s3.objectStore(bucket).get("registrish.marker.json").orElseThrow());
    assertTrue(marker.get("tags").has("app:v1") && marker.get("tags").has("team/app5:v1"), "both shards' tags: " + marker);
    String full = bucket;
    bucket = full + "full";
    s3.createBucket(bucket);
    assertEquals(0, publish().exit());
    assertEquals(keys().stream().filter(k -> k.startsWith("v2/")).toList(),
        sharded.stream().filter(k -> k.startsWith("v2/")).toList(), "two shards at once equal one full publish");
  }

  @Test
  void repository_overlappingShards_oneWaitsForTheOther() throws Exception {
    assertEquals(0, publish().exit());
    try (ObjectStore store = s3.objectStore(bucket)) {
      var holder = LockHolder.current(Instant.now());
      holder.scope = List.of("app");
      holder.repositories = Set.of("app");
      holder.pid = Long.MAX_VALUE; // not a process of this machine: only its age could free it
      holder.host = "another-host";
      store.put("registrish.lock.another-shard.json", Json.MAPPER.writeValueAsBytes(holder),
          "application/json", Precondition.none());
    }
    new SyntheticImages(tree, 7).image("app", "v2", List.of("linux/amd64"), 1, List.of());
    Cli.Run overlapping = publish("--repository", "app");
    assertEquals(4, overlapping.exit(), overlapping.toString());
    assertTrue(overlapping.err().contains("another run writes repositories this one would"), overlapping.err());
    new SyntheticImages(tree, 8).image("tools/other", "v1", List.of("linux/amd64"), 1, List.of());
    Cli.Run disjoint = publish("--repository", "tools/**");
    assertEquals(0, disjoint.exit(), "a disjoint shard runs beside it: " + disjoint);
    Cli.Run whole = publish();
    assertEquals(4, whole.exit(), "a run over the whole bucket overlaps every shard: " + whole);
  }

  @Test
  void repository_shardDeleteNeverTouchesOtherShards() throws Exception {
    assertEquals(0, publish().exit());
    deleteTree(tree.resolve("v2/tools"));
    Cli.Run run = publish("--repository", "app", "--delete", "--grace", "0");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(keys().contains("v2/tools/cli/manifests/1.0.gz"), "another shard's repository stays");
    Cli.Run own = publish("--repository", "tools/*", "--delete", "--grace", "0", "--force-delete");
    assertEquals(0, own.exit(), own.toString());
    assertTrue(keys().stream().noneMatch(k -> k.startsWith("v2/tools/")), keys().toString());
    assertTrue(keys().contains("v2/app/manifests/v1"));
  }

  @Test
  void publish_invalidBucketName_exits2BeforeAnyRequest() {
    bucket = "b";
    Cli.Run run = publish();
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("invalid bucket name 'b'"), run.err());
  }

  @Test
  void publish_missingBucket_saysSoAndExits1() {
    bucket = "no-such-bucket";
    Cli.Run run = publish();
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains("bucket 'no-such-bucket' does not exist"), run.err());
  }

  static void deleteTree(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
