package dev.registrish.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Requests a store made, counted by operation (List, Head, Get, Put, Copy, Delete, ...). */
public final class RequestCounts {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void add(String operation) {
    counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
  }

  public long get(String operation) {
    AtomicLong n = counts.get(operation);
    return n == null ? 0 : n.get();
  }

  /** A sorted snapshot. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
