package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.testing.BucketSnapshot;
import dev.registrish.testing.ChildJvm;
import dev.registrish.testing.LockState;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A publish in a child JVM killed at random points, by SIGTERM and by {@code kill -9}, then rerun:
 * the bucket ends as after an uninterrupted run, and the rerun sends only what the killed run had not
 * finished. SIGTERM aborts open multipart uploads and releases the lock; after {@code kill -9} the
 * rerun takes over the dead process's lock at once and aborts its multipart upload.
 */
@EndToEnd
class PublishInterruptTest {
  static S3ProxyFixture s3;
  @TempDir
  static Path tree;
  static Map<String, String> expected;
  static int objects;

  @TempDir
  Path work;
  String bucket;

  @BeforeAll
  static void treeAndReference() throws Exception {
    s3 = new S3ProxyFixture();
    for (int i = 0; i < 10; i++) {
      new SyntheticImages(tree, i).image("app" + i, "v1", List.of("linux/amd64", "linux/arm64"), 4, List.of());
    }
    new SyntheticImages(tree, 99).layerBytes(70 << 20).image("big", "1", List.of("linux/amd64"), 1, List.of());
    s3.createBucket("reference");
    assertEquals(0, Cli.run("publish", "--bucket", "reference", "--profile", "local", "--endpoint", s3.uri().toString(),
        "--tree", tree.toString(), "-q").exit());
    try (ObjectStore store = s3.objectStore("reference")) {
      expected = BucketSnapshot.of(store, "");
      objects = store.list("v2/").size();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  ChildJvm child() {
    return new ChildJvm(work, List.of("-Xmx512m"), List.of("publish", "--bucket", bucket, "--profile", "local",
        "--endpoint", s3.uri().toString(), "--tree", tree.toString(), "--concurrency", "2", "-q"));
  }

  /** Starts a publish in a child JVM and kills it once the server has seen {@code writes} writes. */
  Process killAt(LongSupplier progress, long writes, boolean sigterm) throws Exception {
    Process p = child().start(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (progress.getAsLong() < writes && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertTrue(p.isAlive(), "the publish ended before the kill point " + writes + ": " + Files.readString(work.resolve("stderr")));
    if (sigterm) {
      p.destroy();
    } else {
      p.destroyForcibly();
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child exits");
    return p;
  }

  void newBucket(String name) {
    bucket = name;
    s3.createBucket(bucket);
    s3.store.reset();
  }

  String lockState() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return LockState.of(store, "");
    }
  }

  Map<String, String> snapshot() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return BucketSnapshot.of(store, "");
    }
  }

  /** Reruns in-process; asserts the bucket then matches the uninterrupted run and nothing finished before was sent again. */
  JsonNode rerunMatches(Map<String, String> afterKill, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("publish", "--bucket", bucket, "--profile", "local", "--endpoint",
        s3.uri().toString(), "--tree", tree.toString(), "--output", "json"));
    args.addAll(List.of(extra));
    Cli.Run rerun = Cli.run(args.toArray(String[]::new));
    assertEquals(0, rerun.exit(), rerun.toString());
    Map<String, String> now = snapshot();
    assertEquals(expected, now, () -> "same bucket as an uninterrupted run:\n" + BucketSnapshot.diff(expected, now));
    JsonNode report = Json.MAPPER.readTree(rerun.out());
    Set<String> sent = new TreeSet<>();
    for (JsonNode c : report.get("changes")) {
      sent.add(c.get("key").asText());
    }
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(afterKill.keySet());
    missing.removeIf(k -> !k.startsWith("v2/"));
    assertEquals(missing, sent, "the rerun sends exactly what the killed run had not finished");
    return report;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2})
  void sigterm_atRandomPoint_releasesLockAndRerunCompletes(int seed) throws Exception {
    newBucket("sigterm" + seed);
    long point = 2 + new Random(seed).nextInt(objects - 4);
    Process p = killAt(s3.store::writes, point, true);
    assertEquals(143, p.exitValue(), "exit status of SIGTERM");
    assertTrue(Files.readString(work.resolve("stderr")).contains("publish stopped before the end"),
        Files.readString(work.resolve("stderr")));
    Map<String, String> afterKill = snapshot();
    assertEquals("released", lockState(), "SIGTERM releases the lock");
    assertTrue(afterKill.size() < expected.size(), "killed before the end (at write " + point + ")");
    rerunMatches(afterKill);
  }

  @Test
  void sigterm_duringMultipartUpload_abortsIt() throws Exception {
    newBucket("sigterm-multipart");
    Process p = killAt(() -> s3.store.get("multipart"), 2, true);
    assertEquals(143, p.exitValue());
    // the upload is aborted by the hook or, when its next part is refused first, by the upload itself
    String stderr = Files.readString(work.resolve("stderr"));
    assertTrue(stderr.contains("open multipart uploads and released the lock"), stderr);
    assertEquals(0, s3.openUploads(bucket), "no incomplete multipart upload left:\n" + stderr);
    Map<String, String> afterKill = snapshot();
    assertTrue(afterKill.keySet().stream().noneMatch(k -> k.startsWith(".mpus-")), "no part left behind: " + afterKill.keySet());
    assertEquals("released", lockState());
    rerunMatches(afterKill);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {4})
  void kill9_atRandomPoint_rerunTakesOverTheDeadLockAndCompletes(int seed) throws Exception {
    newBucket("kill" + seed);
    long point = 2 + new Random(seed).nextInt(objects - 4);
    killAt(s3.store::writes, point, false);
    Map<String, String> afterKill = snapshot();
    assertEquals("held", lockState(), "kill -9 leaves the lock");
    JsonNode report = rerunMatches(afterKill);
    assertTrue(report.get("notes").toString().contains("that process is no longer running"), report.get("notes").toString());
  }

  @Test
  void kill9_duringMultipartUpload_laterRunAbortsTheStaleUpload() throws Exception {
    newBucket("kill-multipart");
    killAt(() -> s3.store.get("multipart"), 2, false);
    assertEquals(1, s3.openUploads(bucket), "kill -9 leaves the multipart upload open");
    Map<String, String> afterKill;
    try (ObjectStore store = s3.objectStore(bucket)) {
      // (S3Proxy cannot list the whole bucket while an upload is open: its bookkeeping objects lack metadata)
      afterKill = BucketSnapshot.of(store, "v2/");
    }
    JsonNode report = rerunMatches(afterKill, "--abort-uploads-after", "0");
    assertTrue(report.get("notes").toString().contains("aborted 1 incomplete multipart uploads"), report.get("notes").toString());
    assertEquals(0, s3.openUploads(bucket));
  }
}
