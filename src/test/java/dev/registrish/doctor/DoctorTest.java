package dev.registrish.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.Cli;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.S3ProxyFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** doctor against S3Proxy: a healthy bucket passes; each broken setup fails with its fix. */
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
  void doctor_healthyBucket_passes() {
    s3.store.reset();
    Cli.Run run = doctor(BUCKET);
    assertEquals(0, run.exit(), run.toString());
    for (String check : List.of("credentials", "bucket", "write", "public-read", "anonymous-listing", "delete")) {
      assertTrue(run.out().matches("(?s).*PASS +" + check + " .*"), check + "\n" + run.out());
    }
    assertFalse(run.out().contains(S3ProxyFixture.SECRET), "never prints the secret");
    assertEquals(0, s3.store.get("put") - s3.store.get("remove"), "the probe object is removed");
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
