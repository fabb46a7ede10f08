package dev.registrish.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} on the AWS SDK v2: the only code that talks S3 (multipart in {@link S3Multipart}). */
public final class S3ObjectStore implements ObjectStore {
  /** Objects above this size are sent in parts. */
  static final long MULTIPART_THRESHOLD = 64L << 20;
  private static final long MAX_SINGLE_COPY = 5L << 30;

  private final S3Bucket bucket;
  private final S3Multipart multipart;
  private final S3Uploads uploads;
  private final S3SmallObjects small;
  private final ExecutorService pool;
  private final boolean batchDelete;
  private final boolean checksumSha256;
  private final int rangeThreads;
  private final S3Clients.Clients clients;
  /** Whether every write carries a checksum even when none is known (the SDK's WHEN_SUPPORTED). */
  private final boolean crc32;

  /** {@code partConcurrency}: requests in flight for one multipart upload, one listing, or one batch of deletes. */
  public S3ObjectStore(S3Clients.Clients clients, Endpoint endpoint, int partConcurrency) {
    this.bucket = new S3Bucket(clients, endpoint);
    this.clients = clients;
    this.crc32 = "WHEN_SUPPORTED".equals(endpoint.profile().template().checksums);
    this.rangeThreads = endpoint.isLocal() ? Math.min(partConcurrency, Runtime.getRuntime().availableProcessors())
        : Math.max(1, partConcurrency);
    this.batchDelete = endpoint.profile().template().batchDelete;
    this.checksumSha256 = endpoint.profile().template().checksumSha256;
    this.pool = Executors.newFixedThreadPool(Math.max(1, partConcurrency), r -> {
      Thread t = new Thread(r, "registrish-part");
      t.setDaemon(true);
      return t;
    });
    this.uploads = new S3Uploads(bucket);
    this.multipart = new S3Multipart(bucket, uploads, pool);
    this.small = new S3SmallObjects(bucket);
  }

  @Override
  public List<RemoteObject> list(String prefix, Supplier<List<String>> expectedKeys) {
    RangeListing listing = new RangeListing((within, after, token) -> bucket.send("List", "list " + prefix,
        () -> bucket.requests().list(within, after, token, RangeListing.PAGE)),
        prefix, rangeThreads, "list " + prefix + " in bucket '" + bucket.name + "'");
    List<RemoteObject> out = listing.list(expectedKeys);
    out.sort(null);
    return out;
  }

  @Override
  public void probe(String prefix) {
    bucket.send("List", "list " + prefix, () -> bucket.requests().list(prefix, null, null, 1));
  }

  @Override
  public Boolean abortsIncompleteUploads() {
    try {
      bucket.counts.add("GetBucketLifecycleConfiguration");
      return bucket.s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket.name)).rules().stream()
          .anyMatch(r -> r.abortIncompleteMultipartUpload() != null && "Enabled".equals(r.statusAsString()));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return "NoSuchLifecycleConfiguration".equals(code) ? Boolean.FALSE : null;
    } catch (SdkException e) {
      return null;
    }
  }

  @Override
  public Optional<RemoteHead> head(String key) {
    return bucket.send("Head", "head " + key, () -> bucket.requests().head(key).map(r -> {
      Map<String, String> metadata = new LinkedHashMap<>();
      r.headers().forEachHeader((name, values) -> {
        if (name.regionMatches(true, 0, "x-amz-meta-", 0, 11) && !values.isEmpty()) {
          metadata.put(name.substring(11).toLowerCase(Locale.ROOT), values.get(0));
        }
      });
      return new RemoteHead(key, r.header("Content-Length").map(Long::parseLong).orElse(0L),
          S3Bucket.unquote(r.header("ETag").orElse(null)), r.header("Content-Type").orElse(null),
          r.header("Cache-Control").orElse(null), r.header("Content-Encoding").orElse(null), metadata);
    }));
  }

  @Override
  public Optional<byte[]> get(String key) {
    return bucket.send("Get", "get " + key, () -> bucket.requests().get(key).map(S3Requests.Response::body));
  }

  @Override
  public void put(Upload u) {
    if (u.size() > MULTIPART_THRESHOLD && u.file() != null) {
      multipart.upload(u);
      return;
    }
    if (u.stream() != null) {
      multipart.uploadStream(u, body -> putOne(u, body));
      return;
    }
    putOne(u, SentBytes.counted(u.sent(), u.file() != null ? RequestBody.fromFile(u.file()) : RequestBody.fromBytes(u.bytes())));
  }

  /**
   * One PutObject; with the bytes' SHA-256 known, the store refuses bytes that do not match it (BadDigest). Where
   * the profile asks for a checksum on every write and none is known, the bytes' CRC32 is sent, as the SDK would.
   */
  private void putOne(Upload u, RequestBody body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (u.contentType() != null) {
      headers.put("Content-Type", u.contentType());
    }
    if (u.cacheControl() != null) {
      headers.put("Cache-Control", u.cacheControl());
    }
    u.metadata().forEach((k, v) -> headers.put("x-amz-meta-" + k, v));
    if (bucket.acl != null) {
      headers.put("x-amz-acl", bucket.acl.toString());
    }
    if (checksumSha256 && u.sha256() != null) {
      headers.put("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(u.sha256())));
    } else if (crc32) {
      headers.put("x-amz-checksum-crc32", crc32(body.contentStreamProvider(), u.key()));
    }
    bucket.send("Put", "upload " + u.key(), () -> {
      bucket.requests().put(u.key(), headers, u.size(), body.contentStreamProvider());
      return null;
    });
  }

  private static String crc32(ContentStreamProvider body, String key) {
    CRC32 crc = new CRC32();
    try (InputStream in = body.newStream()) {
      byte[] buf = new byte[64 << 10];
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bytes of " + key, e);
    }
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Override
  public void copy(String sourceKey, Upload u) {
    if (u.size() > MAX_SINGLE_COPY) {
      multipart.copy(sourceKey, u);
      return;
    }
    bucket.call("Copy", "copy " + sourceKey + " to " + u.key(), s3 -> s3.copyObject(b -> b.sourceBucket(bucket.name)
        .sourceKey(sourceKey).destinationBucket(bucket.name).destinationKey(u.key()).metadataDirective(MetadataDirective.REPLACE)
        .contentType(u.contentType()).cacheControl(u.cacheControl()).metadata(u.metadata()).acl(bucket.acl)));
  }

  @Override
  public Optional<StoredBytes> read(String key) {
    return small.read(key);
  }

  @Override
  public Optional<Written> put(String key, byte[] bytes, String contentType, Precondition condition) {
    return small.put(key, bytes, contentType, condition);
  }

  @Override
  public void delete(Collection<String> keys) {
    if (!batchDelete) {
      if (keys.size() == 1) {
        deleteOne(keys.iterator().next()); // on the caller's thread: the lock is released this way, also at shutdown
        return;
      }
      List<Future<Object>> futures = new ArrayList<>();
      for (String key : keys) {
        futures.add(pool.submit(() -> deleteOne(key)));
      }
      await(futures);
      return;
    }
    List<String> all = new ArrayList<>(keys);
    for (int i = 0; i < all.size(); i += 1000) {
      List<ObjectIdentifier> batch = all.subList(i, Math.min(all.size(), i + 1000)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      var r = bucket.call("Delete", "delete " + batch.size() + " objects", s3 -> s3.deleteObjects(b -> b.bucket(bucket.name)
          .delete(Delete.builder().objects(batch).quiet(true).build())));
      if (r.hasErrors() && !r.errors().isEmpty()) {
        var e = r.errors().get(0);
        throw new StoreException("could not delete " + e.key() + " from bucket " + bucket.name + ": " + e.code() + " " + e.message()
            + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more)" : ""), 0, null);
      }
    }
  }

  private Object deleteOne(String key) {
    return bucket.call("Delete", "delete " + key, s3 -> s3.deleteObject(b -> b.bucket(bucket.name).key(key)));
  }

  private static void await(List<Future<Object>> futures) {
    try {
      for (Future<Object> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new StoreException(e.getCause().toString(), 0, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", 0, e);
    }
  }

  @Override
  public int abortStaleUploads(String prefix, long olderThanMillis) {
    return uploads.abortStale(prefix, olderThanMillis);
  }

  @Override
  public int abortOpenUploads() {
    return uploads.abortOpen();
  }

  @Override
  public boolean folderKeys() {
    return bucket.endpoint.profile().template().folderKeys;
  }

  @Override
  public RequestCounts counts() {
    return bucket.counts;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    clients.close();
  }
}
