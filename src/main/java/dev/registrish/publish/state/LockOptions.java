package dev.registrish.publish.state;

import java.time.Duration;

/**
 * How a publish takes the bucket lock.
 *
 * @param timeout age, by the store's clock, after which another run's lock is stale; the holder renews it every third of this
 * @param waitFor how long to wait for another run to finish before giving up (zero: give up at once)
 * @param force take the lock whoever holds it ({@code --force-unlock})
 * @param conditionalWrites whether the store is relied on to honour conditional writes (checked before the first write);
 *     false declares a single writer, and the lock keeps no two runs apart
 */
public record LockOptions(Duration timeout, Duration waitFor, boolean force, boolean conditionalWrites) {
  /** How often the holder rewrites its lock. */
  public Duration renewEvery() {
    Duration third = timeout.dividedBy(3);
    return third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : third;
  }
}
