package dev.registrish.verify;

import dev.registrish.testing.S3ProxyFixture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault table against a bucket of S3Proxy, each case on a freshly published bucket. The
 * {@code transient} backend keeps {@code v2/} as an object, as S3 does, so the ping can be removed.
 */
class S3ProxyVerifyTest extends VerifyFaultsContract {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  static S3ProxyFixture s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture("transient");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Override
  protected RegistryTarget publish(ScenarioTree tree) throws Exception {
    return new S3ProxyTarget(s3, "faults-" + BUCKETS.incrementAndGet()).publish(tree.objects);
  }
}
