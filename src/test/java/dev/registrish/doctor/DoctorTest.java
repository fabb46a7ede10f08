package dev.registrish.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.publish.state.Marker;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.testing.Cli;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor against S3Proxy: a healthy bucket passes; each broken setup, and a publish schedule that stopped, fails with its fix. */
class DoctorTest {
  static final String BUCKET = "doctor";
  static S3ProxyFixture s3;

  @BeforeAll
  static void start() throws Exception {
    Hosts.ensure(BUCKET + ".localhost");
    s3 = new S3ProxyFixture();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  Cli.Run doctor(String bucket, String... extra) {
    List<String> args = new ArrayList<>(List.of("doctor", "--bucket", bucket, "--profile", "local",
        "--endpoint", s3.uri().toString(), "--url", s3.publicUrl(BUCKET)));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void doctor_healthyBucket_passes() throws Exception {
    s3.store.reset();
    Cli.Run run = doctor(BUCKET);
    assertEquals(0, run.exit(), run.toString());
    for (String check : List.of("credentials", "bucket", "write", "public-read", "anonymous-listing", "delete", "conditional-writes")) {
      assertTrue(run.out().matches("(?s).*PASS +" + check + " .*"), check + "\n" + run.out());
    }
    assertFalse(run.out().contains(S3ProxyFixture.SECRET), "never prints the secret");
    assertEquals(List.of(), s3.keys(BUCKET), "the probe objects are removed");
  }

  @Test
  void doctor_storeIgnoringConditionalWrites_failsConditionalWrites() throws Exception {
    try (S3ProxyFixture open = S3ProxyFixture.withoutAuthentication(); FaultProxy ignoring = new FaultProxy(open.proxy.getPort())) {
      ignoring.rule(r -> new FaultProxy.StripHeaders(Set.of("if-match", "if-none-match")));
      String bucket = open.newBucket("ignores");
      Cli.Run run = Cli.run("doctor", "--bucket", bucket, "--profile", "local", "--endpoint", ignoring.uri().toString());
      assertEquals(1, run.exit(), run.toString());
      assertTrue(run.out().matches("(?s).*FAIL +conditional-writes .*the store ignores If-None-Match.*"), run.out());
      assertTrue(run.out().contains("fix: publish refuses such a store; if only one publish ever runs at a time"), run.out());
      assertEquals(List.of(), open.keys(bucket), "the probe object is removed");
    }
  }

  @Test
  void doctor_maxAge_failsWhenTheLastSuccessfulPublishIsOlder(@TempDir Path tree) throws Exception {
    String bucket = s3.newBucket("lastrun");
    new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    assertEquals(0, s3.publish(bucket, tree).exit());
    Cli.Run recent = doctor(bucket, "--max-age", "1h");
    assertTrue(recent.out().matches("(?s).*PASS +last-run +last successful publish at .*"), recent.out());

    // the schedule stopped two days ago
    try (ObjectStore store = s3.objectStore(bucket)) {
      Marker.State read = Marker.read(store, "");
      read.marker().lastRun = read.storeTime().minus(Duration.ofDays(2)).toString();
      Marker.write(store, "", read.marker(), Precondition.none());
    }
    Cli.Run old = doctor(bucket, "--max-age", "26h");
    assertEquals(1, old.exit(), old.toString());
    assertTrue(old.out().matches("(?s).*FAIL +last-run +last successful publish at .*, 2 d ago by the store's clock: "
        + "older than --max-age 26 h.*"), old.out());
  }

  @Test
  void doctor_wrongSecret_failsWithCredentialsFix() {
    System.setProperty("aws.secretAccessKey", "wrong-secret-value");
    try {
      Cli.Run run = doctor(BUCKET);
      assertEquals(1, run.exit(), run.toString());
      assertTrue(run.out().matches("(?s).*FAIL +bucket .*HTTP 403.*"), run.out());
      assertTrue(run.out().contains("fix: the embedded endpoint needs none; with --endpoint, set AWS_ACCESS_KEY_ID"), run.out());
      assertFalse(run.out().contains("wrong-secret-value"));
    } finally {
      System.setProperty("aws.secretAccessKey", S3ProxyFixture.SECRET);
    }
  }

  @Test
  void doctor_missingBucket_failsWithBucketFix() {
    Cli.Run run = doctor("nonexistent");
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("bucket 'nonexistent' does not exist"), run.out());
    assertTrue(run.out().contains("fix: the embedded endpoint creates the bucket on first use"), run.out());
  }

  @Test
  void doctor_privateObjects_failsPublicRead() {
    Cli.Run run = doctor(BUCKET, "--acl", "none");
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().matches("(?s).*FAIL +public-read .*answers 403.*"), run.out());
    assertTrue(run.out().contains("fix: serve the bucket with 'registrish serve"), run.out());
  }
}
