package dev.registrish.upstream;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * HTTP requests a client sent, by kind: every request on the wire counts, retries, the unauthenticated
 * try before a 401 and redirect hops included, so "a re-run made 0 blob GETs" is exact.
 */
public final class RequestCounts {
  private final AtomicLongArray counts = new AtomicLongArray(RequestKind.values().length);

  void add(RequestKind kind) {
    counts.incrementAndGet(kind.ordinal());
  }

  public long get(RequestKind kind) {
    return counts.get(kind.ordinal());
  }

  /** All kinds' counts, zeros included. */
  public Map<RequestKind, Long> snapshot() {
    Map<RequestKind, Long> out = new EnumMap<>(RequestKind.class);
    for (RequestKind k : RequestKind.values()) {
      out.put(k, get(k));
    }
    return out;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
