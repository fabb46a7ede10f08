package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Upload;
import dev.registrish.testing.BucketSnapshot;
import dev.registrish.testing.LockState;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.FaultProxy.Fault;
import dev.registrish.testing.FaultProxy.Request;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.TagChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publish through a proxy that injects faults (error statuses, resets mid-body, stalls) while a
 * checker pulls every tag the bucket serves: the run completes through retries, or fails with a
 * report of what was not done and the rerun completes; a pull never finds a tag whose parts are missing.
 */
@EndToEnd
class PublishFaultTest {
  static S3ProxyFixture s3;
  /** v1: what the bucket serves before the faulty run; v2: what the run publishes (changed tag, new images, a multipart blob). */
  @TempDir
  static Path v1;
  @TempDir
  static Path v2;
  /** The bucket after publishing v2 into an empty bucket; and after publishing v1 then v2 (v1's replaced objects stay). */
  static Map<String, String> expected;
  static Map<String, String> expectedOverV1;

  FaultProxy proxy;
  String bucket;

  @BeforeAll
  static void trees() throws Exception {
    s3 = new S3ProxyFixture();
    new SyntheticImages(v1, 1).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 2, List.of());
    new SyntheticImages(v1, 2).docker(true).image("tools/cli", "1.0", List.of("linux/amd64"), 2, List.of());
    copy(v1, v2);
    new SyntheticImages(v2, 3).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 3, List.of());
    new SyntheticImages(v2, 4).image("app", "v2", List.of("linux/amd64"), 4, List.of());
    new SyntheticImages(v2, 5).layerBytes(70 << 20).image("big", "1", List.of("linux/amd64"), 1, List.of());
    expected = reference("reference-v2", v2);
    expectedOverV1 = new TreeMap<>(reference("reference-v1", v1));
    expectedOverV1.putAll(expected);
  }

  static Map<String, String> reference(String name, Path tree) throws Exception {
    s3.createBucket(name);
    assertEquals(0, Cli.run("publish", "--bucket", name, "--profile", "local", "--endpoint", s3.uri().toString(),
        "--tree", tree.toString(), "-q").exit());
    try (ObjectStore store = s3.objectStore(name)) {
      return BucketSnapshot.of(store, "");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @BeforeEach
  void bucketWithV1() throws Exception {
    bucket = s3.newBucket("faults");
    assertEquals(0, publish(s3.uri().toString(), v1).exit());
    proxy = new FaultProxy(s3.proxy.getPort());
  }

  @AfterEach
  void cleanUp() throws Exception {
    proxy.close();
    s3.blobStore().deleteContainer(bucket);
  }

  Cli.Run publish(String endpoint, Path tree, String... extra) {
    return publishWith("local", endpoint, tree, extra);
  }

  Cli.Run publishWith(String profile, String endpoint, Path tree, String... extra) {
    List<String> args = new ArrayList<>(List.of("publish", "--bucket", bucket, "--profile", profile,
        "--endpoint", endpoint, "--tree", tree.toString(), "--concurrency", "4"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  Map<String, String> snapshot() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return BucketSnapshot.of(store, "");
    }
  }

  /** The first attempt of every {@code every}-th distinct request that {@code applies} gets the fault; retries pass. */
  static Function<Request, Fault> firstAttempts(Fault fault, int every, int max, Predicate<Request> applies) {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger distinct = new AtomicInteger();
    AtomicInteger injected = new AtomicInteger();
    return r -> {
      if (!applies.test(r) || !seen.add(r.method() + " " + r.target())) {
        return null;
      }
      return distinct.incrementAndGet() % every == 0 && injected.incrementAndGet() <= max ? fault : null;
    };
  }

  static Stream<Arguments> transientFaults() {
    Predicate<Request> any = r -> true;
    Predicate<Request> puts = r -> r.method().equals("PUT");
    return Stream.of(
        Arguments.of("503 SlowDown", firstAttempts(FaultProxy.SLOW_DOWN, 3, 100, any)),
        Arguments.of("500 InternalError", firstAttempts(FaultProxy.INTERNAL_ERROR, 3, 100, any)),
        Arguments.of("429 TooManyRequests", firstAttempts(FaultProxy.TOO_MANY_REQUESTS, 3, 100, any)),
        Arguments.of("reset mid-body", firstAttempts(FaultProxy.RESET, 3, 100, puts)),
        // a request stalled longer than the profile's 3 s socket timeout is abandoned and retried
        Arguments.of("stall", firstAttempts(new FaultProxy.Stall(Duration.ofSeconds(8)), 2, 2,
            r -> puts.test(r) && r.path().contains("/manifests/"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transientFaults")
  void publish_transientFaults_retriesCompleteAndPullsNeverBreak(String name, Function<Request, Fault> rule) throws Exception {
    proxy.rule(rule);
    TagChecker checker = new TagChecker(s3.objectStore(bucket));
    Cli.Run run = publishWith(name.equals("stall") ? "src/test/resources/profiles/local-short-timeout.json" : "local",
        proxy.uri().toString(), v2);
    List<String> violations = checker.stop();
    assertEquals(0, run.exit(), run + "\ninjected: " + proxy.injected());
    assertFalse(proxy.injected().isEmpty(), "faults were injected");
    assertEquals(List.of(), violations, "a pull found a tag with missing parts");
    assertTrue(checker.tagsSeen() > 0, "the checker pulled tags while the publish ran; listings failed: " + checker.listFailures());
    Map<String, String> now = snapshot();
    assertEquals(expectedOverV1, now, () -> "same bucket as a run without faults:\n" + BucketSnapshot.diff(expectedOverV1, now));
  }

  @Test
  void publish_persistentFault_failsWithReportDeletesNothingAndRerunCompletes() throws Exception {
    // v1 has tools/cli:1.0, which v2 also has; add a tag only the bucket has, for --delete to remove
    try (ObjectStore store = s3.objectStore(bucket)) {
      byte[] tag = Files.readAllBytes(v1.resolve("v2/app/manifests/v1"));
      store.put(Upload.of("v2/app/manifests/old", tag, "application/json", null, Map.of()));
    }
    proxy.rule(r -> r.method().equals("PUT") && r.path().contains("/manifests/sha256:") ? FaultProxy.INTERNAL_ERROR : null);
    TagChecker checker = new TagChecker(s3.objectStore(bucket));
    s3.store.reset();
    Cli.Run run = publish(proxy.uri().toString(), v2, "--delete", "--grace", "0");
    List<String> violations = checker.stop();

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().startsWith("FAILED to publish to bucket " + bucket), run.out());
    assertTrue(run.out().matches("(?s).*FAILED: v2/\\S+/manifests/sha256:[0-9a-f]{64}: upload failed: .*HTTP 500 InternalError.*"), run.out());
    assertTrue(run.out().contains("not done ("), run.out());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    String problem = run.err().replaceAll("(?m)^progress: .*\n", "");
    assertTrue(problem.matches("registrish: \\d+ objects? (was|were) not written .*first: v2/\\S+/manifests/sha256:[0-9a-f]{64}: "
        + "upload failed: .*HTTP 500.*\\n"), "one line on stderr besides the progress: " + run.err());
    // (S3Proxy itself removes its multipart bookkeeping objects, named by UUID)
    assertEquals(List.of(), s3.store.removed().stream().filter(k -> k.startsWith("v2/")).toList(),
        "nothing deleted after a failed upload phase");
    Map<String, String> after = snapshot();
    assertTrue(after.containsKey("v2/app/manifests/old"), "the tag to delete is still there");
    try (ObjectStore store = s3.objectStore(bucket)) {
      assertEquals("released", LockState.of(store, ""), "lock released");
    }
    assertEquals(List.of(), violations);

    Cli.Run rerun = publish(s3.uri().toString(), v2, "--delete", "--grace", "0");
    assertEquals(0, rerun.exit(), rerun.toString());
    Map<String, String> now = snapshot();
    assertEquals(expected, now, () -> "the rerun completes the publish:\n" + BucketSnapshot.diff(expected, now));
  }

  @Test
  void publish_storeGoneMidRun_stillPrintsAndWritesTheReport(@TempDir Path work) throws Exception {
    AtomicBoolean gone = new AtomicBoolean();
    proxy.rule(r -> {
      if (r.method().equals("PUT") && r.path().contains("/blobs/")) {
        gone.set(true); // the first blob write: from here on, the store answers nothing but errors
      }
      return gone.get() ? FaultProxy.INTERNAL_ERROR : null;
    });
    Path report = work.resolve("report.txt");
    Cli.Run run = publish(proxy.uri().toString(), v2, "--report", report.toString());

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().startsWith("FAILED to publish to bucket " + bucket), run.out());
    assertTrue(run.out().contains("not done ("), run.out());
    assertTrue(run.out().contains("note: the lock could not be released"), "a failed release is a note: " + run.out());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    String written = Files.readString(report);
    assertTrue(written.startsWith("FAILED to publish to bucket " + bucket) && written.contains("not done ("), written);
  }

  static void copy(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
