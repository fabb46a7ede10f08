package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.RecordingServer.Reply;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.S3ProxyFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ObjectStoreTest {
  static S3ProxyFixture s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture();
    s3.createBucket("store");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  private static Upload bytes(String key, String body, String type) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new Upload(key, null, b, null, b.length, type, "public, max-age=60", Map.of("sha256", "x"));
  }

  @Test
  void putListHeadCopyDelete_roundTrip() throws Exception {
    try (ObjectStore store = s3.objectStore("store")) {
      store.put(bytes("v2/a/manifests/v1", "{\"a\":1}", "application/vnd.oci.image.manifest.v1+json"));
      store.put(bytes("v2/a/blobs/sha256:00", "blob", "application/octet-stream"));
      List<RemoteObject> listed = store.list("v2/");
      assertEquals(List.of("v2/a/blobs/sha256:00", "v2/a/manifests/v1"), listed.stream().map(RemoteObject::key).toList());
      assertTrue(listed.get(0).etagIsMd5());
      RemoteHead head = store.head("v2/a/manifests/v1").orElseThrow();
      assertEquals("application/vnd.oci.image.manifest.v1+json", head.contentType());
      assertEquals("public, max-age=60", head.cacheControl());
      assertEquals("x", head.metadata().get("sha256"));

      store.copy("v2/a/manifests/v1", bytes("v2/a/manifests/v1", "{\"a\":1}", "application/json"));
      assertEquals("application/json", store.head("v2/a/manifests/v1").orElseThrow().contentType());

      store.delete(List.of("v2/a/manifests/v1", "v2/a/blobs/sha256:00", "v2/missing"));
      assertEquals(List.of(), store.list("v2/"));
      assertTrue(store.head("v2/a/manifests/v1").isEmpty());
    }
  }

  static ObjectStore recordedStore(RecordingServer server) throws Exception {
    Endpoint at = new Endpoint(Profiles.load("local", Map.of()), URI.create(server.origin()), "us-east-1", "store", "none",
        new Credentials.KeyPair("AKIDTEST", "secret"));
    return new S3ObjectStore(S3Clients.create(at, 1), at, 1);
  }

  static Upload small(String key) {
    return Upload.of(key, "{}".getBytes(StandardCharsets.UTF_8), "application/json", "no-cache", Map.of());
  }

  @Test
  void put_storeRefuses_failsOnceNamingTheKeyAndTheStoresCode() throws Exception {
    try (RecordingServer server = new RecordingServer(r -> Reply.of(403,
        "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "Content-Type", "application/xml"));
        ObjectStore store = recordedStore(server)) {
      StoreException e = assertThrows(StoreException.class, () -> store.put(small("v2/a/manifests/v1")));
      assertEquals("upload v2/a/manifests/v1 in bucket 'store' failed: HTTP 403 AccessDenied: Access Denied; check the "
          + "credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE) and the bucket policy", e.getMessage());
      assertEquals(1, server.requests().size(), "a refusal is not retried");
    }
  }

  @Test
  void put_storeFailsEveryTime_threeAttemptsThenTheStoresError() throws Exception {
    try (RecordingServer server = new RecordingServer(r -> Reply.of(500,
        "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"));
        ObjectStore store = recordedStore(server)) {
      StoreException e = assertThrows(StoreException.class, () -> store.put(small("v2/a/manifests/v1")));
      assertTrue(e.getMessage().startsWith("upload v2/a/manifests/v1 in bucket 'store' failed: HTTP 500 InternalError"),
          e.getMessage());
      assertEquals(3, server.requests().size());
    }
  }

  @Test
  void put_storeClockHoursAhead_signsAgainByTheStoreClock() throws Exception {
    ZonedDateTime storeNow = ZonedDateTime.now(ZoneOffset.UTC).plusHours(3);
    DateTimeFormatter amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    try (RecordingServer server = new RecordingServer(r -> {
      Instant signed = amzDate.parse(r.header("x-amz-date"), Instant::from);
      boolean skewed = Duration.between(signed, storeNow.toInstant()).abs().toMinutes() > 5;
      return skewed ? Reply.of(403, "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request "
          + "time and the current time is too large.</Message><RequestTime>" + r.header("x-amz-date") + "</RequestTime>"
          + "<ServerTime>" + storeNow.toInstant() + "</ServerTime></Error>") : Reply.of(200, "");
    }); ObjectStore store = recordedStore(server)) {
      store.put(small("v2/a/manifests/v1"));
      assertEquals(2, server.requests().size(), "refused once, then signed by the store's clock");
    }
  }

  @Test
  void put_profileWithChecksums_sendsTheBytesSha256ForTheStoreToCheck() throws Exception {
    byte[] bytes = "the bytes that were hashed".getBytes(StandardCharsets.UTF_8);
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(bytes);
    try (RecordingServer server = new RecordingServer(r -> Reply.of(200, ""))) {
      for (String profile : List.of("r2", "local")) {
        Endpoint at = new Endpoint(Profiles.load(profile, Map.of()), URI.create(server.origin()), "us-east-1", "store", "none",
            new Credentials.KeyPair("AKIDTEST", "secret"));
        try (ObjectStore store = new S3ObjectStore(S3Clients.create(at, 1), at, 1)) {
          store.put(new Upload("v2/a/blobs/" + profile, null, bytes, null, bytes.length, "application/octet-stream", "immutable",
              Map.of(), null, HexFormat.of().formatHex(sha256)));
        }
      }
      Map<String, String> sent = new HashMap<>();
      server.requests().forEach(r -> sent.put(r.path(), String.valueOf(r.header("x-amz-checksum-sha256"))));
      assertEquals(Base64.getEncoder().encodeToString(sha256), sent.get("/store/v2/a/blobs/r2"),
          "R2 and S3 check it, answering BadDigest to other bytes");
      assertEquals("null", sent.get("/store/v2/a/blobs/local"), "S3Proxy answers 501 to the header: none sent");
    }
  }

  @Test
  void list_largeBucket_concurrentRangesMatchOneListingAndCountOnePagePerThousandKeys() throws Exception {
    s3.createBucket("ranges");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2_600; i++) {
      keys.add(String.format("v2/r%02d/blobs/sha256:%064d", i / 130, i));
    }
    try (ObjectStore store = s3.objectStore("ranges")) {
      var pool = Executors.newFixedThreadPool(8);
      for (var f : pool.invokeAll(keys.stream().map(k -> (Callable<Object>) () -> {
        store.put(bytes(k, "x", "application/octet-stream"));
        return null;
      }).toList())) {
        f.get();
      }
      pool.shutdown();
      long before = store.counts().get("List");
      assertEquals(keys, store.list("v2/", () -> keys).stream().map(RemoteObject::key).toList());
      assertEquals(3, store.counts().get("List") - before, "⌈2600/1000⌉ listing requests");
      // what the caller expects differs from the bucket: the listing still returns exactly the bucket
      List<String> expected = keys.stream().filter(k -> k.hashCode() % 3 != 0).toList();
      assertEquals(keys, store.list("v2/", () -> expected).stream().map(RemoteObject::key).toList());
      assertEquals(keys, store.list("v2/").stream().map(RemoteObject::key).toList());
    }
  }

  @Test
  void list_noCredentials_saysSoWithTheProfilesHint() throws Exception {
    Endpoint endpoint = new Endpoint(Profiles.load("local", Map.of()), s3.uri(), "us-east-1", "store", "none",
        new Credentials.NamedProfile("registrish-test-no-such-profile"));
    try (ObjectStore store = new S3ObjectStore(S3Clients.create(endpoint, 1), endpoint, 1)) {
      StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> store.list("v2/"));
      assertEquals("list v2/ failed: no credentials for " + s3.uri() + ": Profile file contained no credentials for profile"
          + " 'registrish-test-no-such-profile': ProfileFile(sections=[]) (" + endpoint.profile().template().hints.get("credentials")
          + ")", e.getMessage());
    }
  }

  @Test
  void putConditional_createOnceThenOnlyOnTheCurrentEtag() throws Exception {
    try (ObjectStore store = s3.objectStore("store")) {
      Written created = store.put("lock", "1".getBytes(), "application/json", Precondition.absent()).orElseThrow();
      assertTrue(store.put("lock", "2".getBytes(), "application/json", Precondition.absent()).isEmpty(), "second create refused");
      Written replaced = store.put("lock", "3".getBytes(), "application/json", Precondition.matching(created.etag())).orElseThrow();
      assertTrue(store.put("lock", "4".getBytes(), "application/json", Precondition.matching(created.etag())).isEmpty(),
          "stale ETag refused");
      assertTrue(store.put("gone", "5".getBytes(), "application/json", Precondition.matching(created.etag())).isEmpty(),
          "If-Match on a missing key refused");
      StoredBytes read = store.read("lock").orElseThrow();
      assertEquals("3", new String(read.bytes(), StandardCharsets.UTF_8));
      assertEquals(replaced.etag(), read.etag());
      assertTrue(store.read("gone").isEmpty());
      store.delete(List.of("lock"));
    }
  }

  @Test
  void read_givesTheStoreClock() throws Exception {
    try (ObjectStore store = s3.objectStore("store")) {
      Written w = store.put("clock", "1".getBytes(), "application/json", Precondition.none()).orElseThrow();
      StoredBytes read = store.read("clock").orElseThrow();
      assertNotNull(w.storeTime(), "the store's Date of the write");
      assertNotNull(read.storeTime(), "the store's Date of the read");
      assertFalse(read.lastModified().isAfter(read.storeTime()), read.toString());
      store.delete(List.of("clock"));
    }
  }

  @Test
  void put_largeFileGoesMultipart(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big");
    byte[] chunk = new byte[1 << 20];
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 70; i++) {
        chunk[0] = (byte) i;
        out.write(chunk);
      }
    }
    long size = Files.size(big);
    try (ObjectStore store = s3.objectStore("store")) {
      store.put(new Upload("v2/big/blobs/x", big, null, null, size, "application/octet-stream", "immutable", Map.of()));
      assertEquals(size, store.head("v2/big/blobs/x").orElseThrow().size());
      assertTrue(store.counts().get("UploadPart") >= 2);
      store.delete(List.of("v2/big/blobs/x"));
    }
  }

  /** A stream of {@code size} seeded bytes that fails its last read when {@code failAtEnd}, as an upstream blob whose digest is wrong. */
  static Upload.Opener stream(long size, boolean failAtEnd) {
    return () -> new InputStream() {
      private long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - read);
        if (failAtEnd && read + n >= size) {
          throw new IOException("digest mismatch: sha256:00 expected");
        }
        Arrays.fill(b, off, off + n, (byte) (read >> 20));
        read += n;
        return n;
      }
    };
  }

  @Test
  void put_streamSmallAndMultipart_landsWhole() throws Exception {
    try (ObjectStore store = s3.objectStore("store")) {
      for (long size : new long[] {3 << 20, 70L << 20}) {
        String key = "v2/stream/blobs/" + size;
        store.put(new Upload(key, null, null, stream(size, false), size, "application/octet-stream", "immutable", Map.of()));
        assertEquals(size, store.head(key).orElseThrow().size());
        store.delete(List.of(key));
      }
      assertTrue(store.counts().get("UploadPart") >= 2);
    }
  }

  @Test
  void put_streamFailingOnItsLastRead_leavesNoObject() throws Exception {
    try (ObjectStore store = s3.objectStore("store")) {
      for (long size : new long[] {3 << 20, 70L << 20}) {
        String key = "v2/stream/blobs/bad-" + size;
        org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> store.put(
            new Upload(key, null, null, stream(size, true), size, "application/octet-stream", "immutable", Map.of())));
        assertTrue(store.head(key).isEmpty(), key + " must not exist");
      }
      assertEquals(0, s3.openUploads("store"), "the multipart upload was aborted");
    }
  }
}
