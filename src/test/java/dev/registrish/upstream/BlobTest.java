package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.RecordingServer.Reply;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.RepositoryTree;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Blob streams from upstream: hashed as they arrive, refused on the last read when wrong, resumed when cut. */
@EndToEnd
class BlobTest {
  private static final int LAYER_BYTES = 300_000;
  private static final long CUT_AFTER = 100_000;

  @TempDir
  Path work;

  /** The largest blob of the repository: a layer of random bytes. */
  private static BlobFile layer(RepositoryTree repo) {
    return repo.blobs().values().stream().max((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
  }

  private static byte[] readAll(InputStream in, ByteArrayOutputStream delivered) throws Exception {
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      delivered.write(buffer, 0, n);
    }
    return delivered.toByteArray();
  }

  @Test
  void blob_streamed_bytesAndDigestAsPushed() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      RepositoryTree app = Images.single(work, "app", "v1", 11, LAYER_BYTES);
      registry.push(app, "v1", "app");
      BlobFile layer = layer(app);
      UpstreamClient client = UpstreamClient.builder().build();
      UpstreamReference ref = UpstreamReference.parse(registry.host() + "/app");

      try (BlobStream blob = client.blob(ref, layer.digest(), layer.size())) {
        assertArrayEquals(Files.readAllBytes(layer.path()), readAll(blob, new ByteArrayOutputStream()));
        assertEquals(layer.size(), blob.size());
      }
      assertEquals(1, client.counts().get(RequestKind.BLOB_GET));
      assertEquals(layer.size(), client.blobSize(ref, layer.digest()).getAsLong());
      assertTrue(client.blobSize(ref, Digest.sha256(new byte[] {1})).isEmpty());
    }
  }

  @Test
  void blob_tamperedUpstream_lastReadRefusedWithDigestMismatch() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      RepositoryTree app = Images.single(work, "app", "v1", 12, LAYER_BYTES);
      registry.push(app, "v1", "app");
      BlobFile layer = layer(app);
      Path stored = registry.blobData(layer.digest());
      byte[] bytes = Files.readAllBytes(stored);
      bytes[bytes.length / 2] ^= 1;
      Files.write(stored, bytes);
      UpstreamClient client = UpstreamClient.builder().build();

      ByteArrayOutputStream delivered = new ByteArrayOutputStream();
      try (BlobStream blob = client.blob(UpstreamReference.parse(registry.host() + "/app"), layer.digest(), layer.size())) {
        UpstreamException e = assertThrows(UpstreamException.class, () -> readAll(blob, delivered));
        assertEquals(UpstreamException.Reason.DIGEST_MISMATCH, e.reason());
        assertTrue(e.getMessage().startsWith(registry.host() + "/app@" + layer.digest() + ": digest-mismatch: "), e.getMessage());
      }
      assertTrue(delivered.size() < layer.size(), "the final bytes were never delivered: " + delivered.size());
    }
  }

  @Test
  void blob_connectionCutMidway_resumesWithRange() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work);
        FaultProxy proxy = new FaultProxy(registry.port())) {
      RepositoryTree app = Images.single(work, "app", "v1", 13, LAYER_BYTES);
      registry.push(app, "v1", "app");
      BlobFile layer = layer(app);
      List<String> ranges = new CopyOnWriteArrayList<>();
      AtomicBoolean cut = new AtomicBoolean();
      proxy.rule(r -> {
        if (!r.path().endsWith("/blobs/" + layer.digest())) {
          return null;
        }
        ranges.add(r.headers().getOrDefault("range", "none"));
        return cut.getAndSet(true) ? null : new FaultProxy.Cut(CUT_AFTER);
      });
      UpstreamClient client = UpstreamClient.builder().build();
      UpstreamReference ref = UpstreamReference.parse("localhost:" + proxy.uri().getPort() + "/app");

      try (BlobStream blob = client.blob(ref, layer.digest(), layer.size())) {
        assertArrayEquals(Files.readAllBytes(layer.path()), readAll(blob, new ByteArrayOutputStream()));
        assertEquals(1, blob.resumes());
      }
      assertEquals(2, ranges.size(), ranges.toString());
      assertEquals("none", ranges.get(0));
      long from = Long.parseLong(ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
      assertTrue(from > 0 && from < CUT_AFTER, ranges.toString());
      assertEquals(List.of(200, 206), registry.accesses().stream()
          .filter(a -> a.method().equals("GET") && a.path().endsWith(layer.digest().toString())).map(a -> a.status()).toList());
    }
  }

  /** Without the idle timeout the read would wait for the whole hang; the test's bound turns that hang into a failure. */
  @Test
  @Timeout(120)
  void blob_stalledMidway_idleTimeoutThenResumed() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work);
        FaultProxy proxy = new FaultProxy(registry.port())) {
      RepositoryTree app = Images.single(work, "app", "v1", 15, LAYER_BYTES);
      registry.push(app, "v1", "app");
      BlobFile layer = layer(app);
      AtomicBoolean hung = new AtomicBoolean();
      proxy.rule(r -> r.path().endsWith("/blobs/" + layer.digest()) && !hung.getAndSet(true)
          ? new FaultProxy.Hang(CUT_AFTER, Duration.ofMinutes(10)) : null);
      UpstreamClient client = UpstreamClient.builder().timeout(Duration.ofSeconds(1)).build();

      try (BlobStream blob = client.blob(UpstreamReference.parse("localhost:" + proxy.uri().getPort() + "/app"),
          layer.digest(), layer.size())) {
        assertArrayEquals(Files.readAllBytes(layer.path()), readAll(blob, new ByteArrayOutputStream()));
        assertEquals(1, blob.resumes());
      }
      assertEquals(2, client.counts().get(RequestKind.BLOB_GET));
    }
  }

  @Test
  void blob_cutAndServerIgnoresRange_skipsWhatItHad() throws Exception {
    RepositoryTree app = Images.single(work, "app", "v1", 14, LAYER_BYTES);
    BlobFile layer = layer(app);
    byte[] bytes = Files.readAllBytes(layer.path());
    try (RecordingServer server = new RecordingServer(r -> Reply.of(200, bytes, "Content-Type", "application/octet-stream"));
        FaultProxy proxy = new FaultProxy(Integer.parseInt(server.host().split(":")[1]))) {
      AtomicBoolean cut = new AtomicBoolean();
      proxy.rule(r -> cut.getAndSet(true) ? null : new FaultProxy.Cut(CUT_AFTER));
      UpstreamClient client = UpstreamClient.builder().build();

      try (BlobStream blob = client.blob(UpstreamReference.parse("localhost:" + proxy.uri().getPort() + "/app"),
          layer.digest(), layer.size())) {
        assertArrayEquals(bytes, readAll(blob, new ByteArrayOutputStream()));
        assertEquals(1, blob.resumes());
      }
      assertTrue(server.requests().get(1).header("Range").startsWith("bytes="), server.requests().toString());
      assertEquals(2, client.counts().get(RequestKind.BLOB_GET));
    }
  }
}
