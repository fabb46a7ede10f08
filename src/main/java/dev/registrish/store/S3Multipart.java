package dev.registrish.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Multipart uploads and copies of one bucket: parts streamed from disk, several in flight, every upload
 * this run started tracked until it is completed or aborted, and stale ones from earlier runs aborted.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html">S3 multipart upload</a>
 */
final class S3Multipart implements AutoCloseable {
  private static final long MIN_PART = 16L << 20;
  /** How long {@link #abortOpen} waits for parts in flight to end. */
  private static final int PART_DRAIN_SECONDS = 5;

  private final S3Bucket bucket;
  private final int maxParts;
  private final ExecutorService parts;
  /** Multipart uploads started and not yet completed or aborted: upload id to key. */
  private final Map<String, String> open = new ConcurrentHashMap<>();
  private final AtomicInteger partsInFlight = new AtomicInteger();
  /** Set when the run is being stopped: no further part starts. */
  private volatile boolean stopping;

  S3Multipart(S3Bucket bucket, ExecutorService parts) {
    this.bucket = bucket;
    this.maxParts = bucket.endpoint.profile().template().maxParts;
    this.parts = parts;
  }

  /** Parts of at least 16 MiB, whole MiB, few enough for the provider's part limit. */
  long partSize(long size) {
    long part = Math.max(MIN_PART, (size + maxParts - 1) / maxParts);
    return (part + (1 << 20) - 1) >> 20 << 20;
  }

  /** Uploads a file in parts, several at once; on failure, parts in flight end and the upload is aborted. */
  void upload(Upload u) {
    String uploadId = start(u);
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
      complete(u.key(), uploadId, done);
    } catch (Exception e) {
      // parts still in flight would outlive an abort, and S3 would keep (and bill) their bytes: let them end first
      failed.set(true);
      awaitQuietly(futures);
      abort(u.key(), uploadId);
      if (e instanceof ExecutionException ee && ee.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException re ? re : new StoreException("upload of " + u.key() + " failed: " + e, 0, e);
    }
  }

  /** Copies {@code sourceKey} onto {@code u.key()} in ranges of at least 512 MiB (objects above 5 GiB). */
  void copy(String sourceKey, Upload u) {
    String uploadId = start(u);
    long partSize = Math.max(partSize(u.size()), 512L << 20);
    List<CompletedPart> done = new ArrayList<>();
    try {
      for (long offset = 0, number = 1; offset < u.size(); offset += partSize, number++) {
        String range = "bytes=" + offset + "-" + (Math.min(offset + partSize, u.size()) - 1);
        int n = (int) number;
        String etag = bucket.call("UploadPartCopy", "copy part " + n + " of " + u.key(), s3 -> s3.uploadPartCopy(b -> b
            .sourceBucket(bucket.name).sourceKey(sourceKey).destinationBucket(bucket.name).destinationKey(u.key())
            .uploadId(uploadId).partNumber(n).copySourceRange(range)).copyPartResult().eTag());
        done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
      }
      complete(u.key(), uploadId, done);
    } catch (RuntimeException e) {
      abort(u.key(), uploadId);
      throw e;
    }
  }

  private String start(Upload u) {
    String uploadId = bucket.call("CreateMultipartUpload", "start multipart upload of " + u.key(), s3 -> s3.createMultipartUpload(b -> b
        .bucket(bucket.name).key(u.key()).contentType(u.contentType()).cacheControl(u.cacheControl()).metadata(u.metadata())
        .acl(bucket.acl)).uploadId());
    open.put(uploadId, u.key());
    return uploadId;
  }

  private void complete(String key, String uploadId, List<CompletedPart> done) {
    bucket.call("CompleteMultipartUpload", "complete multipart upload of " + key, s3 -> s3.completeMultipartUpload(b -> b
        .bucket(bucket.name).key(key).uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(done).build())));
    open.remove(uploadId);
  }

  private CompletedPart uploadPart(Upload u, String uploadId, int number, long offset, long length) {
    RequestBody body = RequestBody.fromContentProvider(() -> {
      try {
        return FileRange.open(u.file(), offset, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, length, "application/octet-stream");
    String etag = bucket.call("UploadPart", "upload part " + number + " of " + u.key(), s3 -> s3.uploadPart(b -> b
        .bucket(bucket.name).key(u.key()).uploadId(uploadId).partNumber(number).contentLength(length), body).eTag());
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  private static void awaitQuietly(List<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException | CancellationException e) {
        // already reported by the first failure
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void abort(String key, String uploadId) {
    open.remove(uploadId);
    try {
      bucket.counts.add("AbortMultipartUpload");
      bucket.s3.abortMultipartUpload(b -> b.bucket(bucket.name).key(key).uploadId(uploadId));
    } catch (SdkException ignored) {
      // a later run aborts what is left, see abortStale
    }
  }

  /** Aborts uploads under {@code prefix} started more than {@code olderThanMillis} ago (every one when 0). */
  int abortStale(String prefix, long olderThanMillis) {
    Instant cutoff = Instant.now().minusMillis(olderThanMillis);
    return bucket.call("ListMultipartUploads", "list multipart uploads under " + prefix, s3 -> {
      int n = 0;
      for (MultipartUpload up : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket.name).prefix(prefix)).uploads()) {
        if (olderThanMillis <= 0 || (up.initiated() != null && up.initiated().isBefore(cutoff))) {
          abort(up.key(), up.uploadId());
          n++;
        }
      }
      return n;
    });
  }

  /** Stops: no further part starts, parts in flight get a few seconds, then every open upload is aborted. */
  int abortOpen() {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PART_DRAIN_SECONDS);
    while (partsInFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int n = 0;
    for (Map.Entry<String, String> e : Map.copyOf(open).entrySet()) {
      abort(e.getValue(), e.getKey());
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    parts.shutdownNow();
  }
}
