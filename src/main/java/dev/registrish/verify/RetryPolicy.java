package dev.registrish.verify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is retried on transient failures (connection errors,
 * timeouts, HTTP 5xx and 429): exponential backoff with full jitter.
 *
 * @param attempts total tries, at least 1
 * @param firstDelay the backoff ceiling before the second try; doubled for every later one
 */
public record RetryPolicy(int attempts, Duration firstDelay) {
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** Four tries, backing off from 200 ms. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200));
  }

  /** Whether a status is worth another try. */
  static boolean transientStatus(int status) {
    return status >= 500 || status == 429;
  }

  /** The delay before try {@code attempt + 1}, after {@code attempt} failed tries. */
  long delayMillis(int attempt) {
    long ceiling = firstDelay.toMillis() << Math.min(attempt - 1, 10);
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
