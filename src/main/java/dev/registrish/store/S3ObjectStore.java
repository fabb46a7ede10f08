package dev.registrish.store;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectStore} on the AWS SDK v2: the only code that talks S3. */
public final class S3ObjectStore implements ObjectStore {
  /** Objects above this size are sent in parts. */
  static final long MULTIPART_THRESHOLD = 64L << 20;
  private static final long MIN_PART = 16L << 20;
  private static final long MAX_SINGLE_COPY = 5L << 30;
  /** How long {@link #abortOpenUploads} waits for parts in flight to end. */
  private static final int PART_DRAIN_SECONDS = 5;

  private final S3Client s3;
  private final Endpoint endpoint;
  private final String bucket;
  private final ObjectCannedACL acl;
  private final int maxParts;
  private final boolean batchDelete;
  private final ExecutorService parts;
  private final int rangeThreads;
  private final RequestCounts counts = new RequestCounts();
  /** Multipart uploads started and not yet completed or aborted: upload id to key. */
  private final Map<String, String> openUploads = new ConcurrentHashMap<>();
  /** Set when the run is being stopped: no further part starts. */
  private volatile boolean stopping;
  private final java.util.concurrent.atomic.AtomicInteger partsInFlight = new java.util.concurrent.atomic.AtomicInteger();

  /** {@code partConcurrency}: requests in flight for one multipart upload, one listing, or one batch of deletes. */
  public S3ObjectStore(S3Client s3, Endpoint endpoint, int partConcurrency) {
    this.rangeThreads = endpoint.isLocal() ? Math.min(partConcurrency, Runtime.getRuntime().availableProcessors())
        : Math.max(1, partConcurrency);
    this.s3 = s3;
    this.endpoint = endpoint;
    this.bucket = endpoint.bucket();
    this.acl = "public-read".equals(endpoint.acl()) ? ObjectCannedACL.PUBLIC_READ : null;
    this.maxParts = endpoint.profile().template().maxParts;
    this.batchDelete = endpoint.profile().template().batchDelete;
    this.parts = Executors.newFixedThreadPool(Math.max(1, partConcurrency), r -> {
      Thread t = new Thread(r, "registrish-part");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public List<RemoteObject> list(String prefix, Supplier<List<String>> expectedKeys) {
    RangeListing listing = new RangeListing((after, token) -> call("list " + prefix, () -> {
      counts.add("List");
      var r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(RangeListing.PAGE).startAfter(after)
          .continuationToken(token));
      List<RemoteObject> objects = new ArrayList<>(r.contents().size());
      r.contents().forEach(o -> objects.add(remote(o)));
      return new RangeListing.Page(objects, Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null);
    }), rangeThreads);
    List<RemoteObject> out = listing.list(expectedKeys);
    out.sort(null);
    return out;
  }

  @Override
  public void probe(String prefix) {
    call("list " + prefix, () -> {
      counts.add("List");
      return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1));
    });
  }

  @Override
  public Boolean abortsIncompleteUploads() {
    try {
      counts.add("GetBucketLifecycleConfiguration");
      return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
          .anyMatch(r -> r.abortIncompleteMultipartUpload() != null && "Enabled".equals(r.statusAsString()));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return "NoSuchLifecycleConfiguration".equals(code) ? Boolean.FALSE : null;
    } catch (SdkException e) {
      return null;
    }
  }

  private static RemoteObject remote(S3Object o) {
    return new RemoteObject(o.key(), o.size() == null ? 0 : o.size(), unquote(o.eTag()));
  }

  private static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }

  @Override
  public Optional<RemoteHead> head(String key) {
    return call("head " + key, () -> {
      counts.add("Head");
      try {
        HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
        return Optional.of(new RemoteHead(key, r.contentLength(), unquote(r.eTag()), r.contentType(), r.cacheControl(),
            r.contentEncoding(), r.metadata()));
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<byte[]> get(String key) {
    return call("get " + key, () -> {
      counts.add("Get");
      try {
        return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public void put(Upload u) {
    if (u.file() != null && u.size() > MULTIPART_THRESHOLD) {
      multipart(u);
      return;
    }
    call("upload " + u.key(), () -> {
      counts.add("Put");
      RequestBody body = u.file() != null ? RequestBody.fromFile(u.file()) : RequestBody.fromBytes(u.bytes());
      s3.putObject(b -> b.bucket(bucket).key(u.key()).contentType(u.contentType()).cacheControl(u.cacheControl())
          .metadata(u.metadata()).acl(acl).contentLength(u.size()), body);
      return null;
    });
  }

  private long partSize(long size) {
    long part = Math.max(MIN_PART, (size + maxParts - 1) / maxParts);
    return (part + (1 << 20) - 1) >> 20 << 20;
  }

  private void multipart(Upload u) {
    String uploadId = call("start multipart upload of " + u.key(), () -> {
      counts.add("CreateMultipartUpload");
      return s3.createMultipartUpload(b -> b.bucket(bucket).key(u.key()).contentType(u.contentType())
          .cacheControl(u.cacheControl()).metadata(u.metadata()).acl(acl)).uploadId();
    });
    openUploads.put(uploadId, u.key());
    long partSize = partSize(u.size());
    int n = (int) ((u.size() + partSize - 1) / partSize);
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<CompletedPart>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int number = i + 1;
        long offset = i * partSize;
        long length = Math.min(partSize, u.size() - offset);
        futures.add(parts.submit(() -> {
          if (failed.get() || stopping) {
            throw new StoreException("upload of " + u.key() + " stopped before part " + number, 0, null);
          }
          partsInFlight.incrementAndGet();
          try {
            return uploadPart(u, uploadId, number, offset, length);
          } catch (RuntimeException e) {
            failed.set(true);
            throw e;
          } finally {
            partsInFlight.decrementAndGet();
          }
        }));
      }
      List<CompletedPart> done = new ArrayList<>();
      for (Future<CompletedPart> f : futures) {
        done.add(f.get());
      }
      call("complete multipart upload of " + u.key(), () -> {
        counts.add("CompleteMultipartUpload");
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(uploadId)
            .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()));
        return null;
      });
      openUploads.remove(uploadId);
    } catch (Exception e) {
      // parts still in flight would outlive an abort, and S3 would keep (and bill) their bytes: let them end first
      failed.set(true);
      awaitQuietly(futures);
      abort(u.key(), uploadId);
      if (e instanceof java.util.concurrent.ExecutionException ee && ee.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException re ? re : new StoreException("upload of " + u.key() + " failed: " + e, 0, e);
    }
  }

  private CompletedPart uploadPart(Upload u, String uploadId, int number, long offset, long length) {
    return call("upload part " + number + " of " + u.key(), () -> {
      counts.add("UploadPart");
      RequestBody body = RequestBody.fromContentProvider(() -> {
        try {
          return FileRange.open(u.file(), offset, length);
        } catch (java.io.IOException e) {
          throw new UncheckedIOException(e);
        }
      }, length, "application/octet-stream");
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(u.key()).uploadId(uploadId).partNumber(number)
          .contentLength(length), body).eTag();
      return CompletedPart.builder().partNumber(number).eTag(etag).build();
    });
  }

  private static void awaitQuietly(List<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
        // already reported by the first failure
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void abort(String key, String uploadId) {
    openUploads.remove(uploadId);
    try {
      counts.add("AbortMultipartUpload");
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException ignored) {
      // a later run aborts what is left, see abortStaleUploads
    }
  }

  @Override
  public void copy(String sourceKey, Upload u) {
    if (u.size() > MAX_SINGLE_COPY) {
      multipartCopy(sourceKey, u);
      return;
    }
    call("copy " + sourceKey + " to " + u.key(), () -> {
      counts.add("Copy");
      s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket).destinationKey(u.key())
          .metadataDirective(MetadataDirective.REPLACE).contentType(u.contentType()).cacheControl(u.cacheControl())
          .metadata(u.metadata()).acl(acl));
      return null;
    });
  }

  private void multipartCopy(String sourceKey, Upload u) {
    String uploadId = call("start multipart copy to " + u.key(), () -> {
      counts.add("CreateMultipartUpload");
      return s3.createMultipartUpload(b -> b.bucket(bucket).key(u.key()).contentType(u.contentType())
          .cacheControl(u.cacheControl()).metadata(u.metadata()).acl(acl)).uploadId();
    });
    openUploads.put(uploadId, u.key());
    long partSize = Math.max(partSize(u.size()), 512L << 20);
    List<CompletedPart> done = new ArrayList<>();
    try {
      for (long offset = 0, number = 1; offset < u.size(); offset += partSize, number++) {
        String range = "bytes=" + offset + "-" + (Math.min(offset + partSize, u.size()) - 1);
        int n = (int) number;
        String etag = call("copy part " + n + " of " + u.key(), () -> {
          counts.add("UploadPartCopy");
          return s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket)
              .destinationKey(u.key()).uploadId(uploadId).partNumber(n).copySourceRange(range)).copyPartResult().eTag();
        });
        done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
      }
      call("complete multipart copy of " + u.key(), () -> {
        counts.add("CompleteMultipartUpload");
        return s3.completeMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(uploadId)
            .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()));
      });
      openUploads.remove(uploadId);
    } catch (RuntimeException e) {
      abort(u.key(), uploadId);
      throw e;
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] bytes, String contentType) {
    return call("create " + key, () -> {
      counts.add("Put");
      try {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).ifNoneMatch("*"), RequestBody.fromBytes(bytes));
        return true;
      } catch (S3Exception e) {
        if (e.statusCode() == 412 || e.statusCode() == 409) {
          return false;
        }
        throw e;
      }
    });
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
        futures.add(parts.submit(() -> deleteOne(key)));
      }
      await(futures);
      return;
    }
    List<String> all = new ArrayList<>(keys);
    for (int i = 0; i < all.size(); i += 1000) {
      List<ObjectIdentifier> batch = all.subList(i, Math.min(all.size(), i + 1000)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      call("delete " + batch.size() + " objects", () -> {
        counts.add("Delete");
        var r = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
        if (r.hasErrors() && !r.errors().isEmpty()) {
          var e = r.errors().get(0);
          throw new StoreException("could not delete " + e.key() + " from bucket " + bucket + ": " + e.code() + " " + e.message()
              + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more)" : ""), 0, null);
        }
        return null;
      });
    }
  }

  private Object deleteOne(String key) {
    return call("delete " + key, () -> {
      counts.add("Delete");
      return s3.deleteObject(b -> b.bucket(bucket).key(key));
    });
  }

  private static void await(List<Future<Object>> futures) {
    try {
      for (Future<Object> f : futures) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new StoreException(e.getCause().toString(), 0, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", 0, e);
    }
  }

  @Override
  public int abortStaleUploads(String prefix, long olderThanMillis) {
    Instant cutoff = Instant.now().minusMillis(olderThanMillis);
    return call("list multipart uploads under " + prefix, () -> {
      counts.add("ListMultipartUploads");
      int n = 0;
      for (MultipartUpload up : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
        if (olderThanMillis <= 0 || (up.initiated() != null && up.initiated().isBefore(cutoff))) {
          abort(up.key(), up.uploadId());
          n++;
        }
      }
      return n;
    });
  }

  @Override
  public int abortOpenUploads() {
    stopping = true;
    // parts in flight end first, or they would outlive the abort
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(PART_DRAIN_SECONDS);
    while (partsInFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int n = 0;
    for (Map.Entry<String, String> e : Map.copyOf(openUploads).entrySet()) {
      abort(e.getValue(), e.getKey());
      n++;
    }
    return n;
  }

  @Override
  public RequestCounts counts() {
    return counts;
  }

  @Override
  public void close() {
    parts.shutdownNow();
    s3.close();
  }

  /** Runs one request, turning SDK failures into a {@link StoreException} that says what failed and why. */
  private <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (NoSuchBucketException e) {
      throw new StoreException("bucket '" + bucket + "' does not exist at " + where() + " (" + what + ")", 404, e);
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if ("NoSuchBucket".equals(code)) {
        throw new StoreException("bucket '" + bucket + "' does not exist at " + where() + " (" + what + ")", 404, e);
      }
      String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
          ? "" : ": " + e.awsErrorDetails().errorMessage();
      String hint = e.statusCode() == 403
          ? "; check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE) and the bucket policy" : "";
      throw new StoreException(what + " in bucket '" + bucket + "' failed: HTTP " + e.statusCode()
          + (code == null ? "" : " " + code) + detail + hint, e.statusCode(), e);
    } catch (SdkClientException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
        String hint = endpoint.profile().template().hints.get("credentials");
        throw new StoreException(what + " failed: no credentials for " + where() + " ("
            + (hint != null ? hint : "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE") + ")", 0, e);
      }
      String reason = e.getCause() != null ? e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage() : e.getMessage();
      throw new StoreException(what + " failed: cannot reach " + where() + " (" + reason + ")", 0, e);
    }
  }

  private String where() {
    return endpoint.uri() == null ? "the AWS S3 endpoint" : endpoint.uri().toString();
  }
}
