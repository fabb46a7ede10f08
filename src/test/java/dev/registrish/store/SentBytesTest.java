package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes told as they are sent, while an upload runs, each byte once even when a reset request is sent again. */
class SentBytesTest {
  static S3ProxyFixture s3;
  static FaultProxy proxy;

  @TempDir
  Path dir;

  final AtomicLong sent = new AtomicLong();
  final AtomicInteger reports = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture();
    s3.createBucket("sent");
    proxy = new FaultProxy(s3.proxy.getPort());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    s3.close();
  }

  void count(long n) {
    sent.addAndGet(n);
    reports.incrementAndGet();
  }

  /** Resets the first request of {@code method} whose target contains {@code part}, half-way through its body. */
  void resetFirst(String method, String part) {
    AtomicBoolean done = new AtomicBoolean();
    proxy.rule(r -> r.method().equals(method) && r.target().contains(part) && done.compareAndSet(false, true)
        ? FaultProxy.RESET : null);
  }

  static List<String> injected(String key) {
    return proxy.injected().stream().filter(f -> f.contains(key)).toList();
  }

  @Test
  void put_fileResetHalfWayAndSentAgain_countsEachByteOnce() throws Exception {
    Path file = dir.resolve("blob");
    byte[] bytes = new byte[3 << 20];
    new Random(1).nextBytes(bytes);
    Files.write(file, bytes);
    resetFirst("PUT", "/blobs/file");
    try (ObjectStore store = S3ProxyFixture.objectStore(proxy.uri(), "sent")) {
      store.put(new Upload("v2/a/blobs/file", file, null, null, bytes.length, "application/octet-stream", "immutable", Map.of(),
          this::count, null));
      assertEquals(bytes.length, store.head("v2/a/blobs/file").orElseThrow().size());
    }
    assertEquals(List.of("Reset[] PUT /sent/v2/a/blobs/file"), injected("/blobs/file"));
    assertEquals(bytes.length, sent.get(), "each byte once");
    assertTrue(reports.get() > 10, "told while sending, not once at the end: " + reports);
  }

  @Test
  void put_streamInPartsWithOnePartSentAgain_countsEachByteOnce() throws Exception {
    long size = 40L << 20;
    resetFirst("PUT", "partNumber=2");
    try (ObjectStore store = S3ProxyFixture.objectStore(proxy.uri(), "sent")) {
      store.put(new Upload("v2/a/blobs/stream", null, null, S3ObjectStoreTest.stream(size, false), size,
          "application/octet-stream", "immutable", Map.of(), this::count, null));
      assertEquals(size, store.head("v2/a/blobs/stream").orElseThrow().size());
      assertTrue(store.counts().get("UploadPart") >= 3, store.counts().snapshot().toString());
    }
    assertEquals(1, injected("/blobs/stream").size(), proxy.injected().toString());
    assertEquals(size, sent.get(), "each byte once");
  }

  @Test
  void put_intoAFolder_countsTheBytesWritten() throws Exception {
    byte[] bytes = new byte[100_000];
    try (ObjectStore store = new DirectoryStore(dir.resolve("tree"))) {
      store.put(new Upload("v2/a/blobs/x", null, bytes, null, bytes.length, "application/octet-stream", "immutable", Map.of(),
          this::count, null));
    }
    assertEquals(bytes.length, sent.get());
    assertEquals(bytes.length, Files.size(dir.resolve("tree/v2/a/blobs/x")));
  }
}
