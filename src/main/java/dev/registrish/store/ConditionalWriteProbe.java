package dev.registrish.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Proves with a probe object (removed afterwards) that a store honours conditional writes: a second
 * create with {@code If-None-Match: *} is refused, a write with the current ETag in {@code If-Match}
 * applies, and one with a stale ETag is refused. The bucket lock relies on all three.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html">S3 conditional writes</a>
 */
public final class ConditionalWriteProbe {
  private ConditionalWriteProbe() {}

  /**
   * What the probe found.
   *
   * @param problem what the store did wrong, or null when it honours both conditions
   * @param storeTime the store's time of the last answer (null when it sent no {@code Date})
   */
  public record Result(String problem, Instant storeTime) {
    public boolean honoured() {
      return problem == null;
    }
  }

  /** Probes with an object named {@code keyPrefix} + a random suffix, and removes it. */
  public static Result run(ObjectStore store, String keyPrefix) {
    String key = keyPrefix + "registrish.probe-" + UUID.randomUUID() + ".json";
    try {
      Optional<Written> created = store.put(key, body(1), "application/json", Precondition.absent());
      if (created.isEmpty()) {
        return new Result("a create with If-None-Match: * of the new object " + key + " was refused", null);
      }
      Optional<Written> again = store.put(key, body(2), "application/json", Precondition.absent());
      if (again.isPresent()) {
        return new Result("a second create with If-None-Match: * of " + key + " was accepted: the store ignores If-None-Match",
            again.get().storeTime());
      }
      Optional<Written> current = store.put(key, body(3), "application/json", Precondition.matching(created.get().etag()));
      if (current.isEmpty()) {
        return new Result("a write to " + key + " with its current ETag in If-Match was refused", null);
      }
      Optional<Written> stale = store.put(key, body(4), "application/json", Precondition.matching(created.get().etag()));
      if (stale.isPresent()) {
        return new Result("a write to " + key + " with a stale ETag in If-Match was accepted: the store ignores If-Match",
            stale.get().storeTime());
      }
      return new Result(null, current.get().storeTime());
    } catch (StoreException e) {
      if (e.status() == 400 || e.status() == 501) {
        return new Result("the store rejects conditional writes: " + e.getMessage(), null);
      }
      throw e;
    } finally {
      store.delete(List.of(key));
    }
  }

  private static byte[] body(int n) {
    return ("{\"probe\":" + n + "}").getBytes(StandardCharsets.UTF_8);
  }
}
