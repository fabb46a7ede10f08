package dev.registrish.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The multipart uploads of one bucket: every one this run started is tracked until completed or aborted, parts
 * in flight are counted so that a stop lets them end first, and stale ones of earlier runs are aborted.
 */
final class S3Uploads {
  /** How long {@link #abortOpen} waits for parts in flight to end. */
  private static final int PART_DRAIN_SECONDS = 5;

  private final S3Bucket bucket;
  /** Multipart uploads started and not yet completed or aborted: upload id to key. */
  private final Map<String, String> open = new ConcurrentHashMap<>();
  final AtomicInteger partsInFlight = new AtomicInteger();
  /** Set when the run is being stopped: no further part starts. */
  volatile boolean stopping;

  S3Uploads(S3Bucket bucket) {
    this.bucket = bucket;
  }

  /**
   * Starts a multipart upload. It counts as a request in flight until it is tracked, so that a stop waits
   * for it and aborts it too; none starts once the run is stopping.
   */
  String start(Upload u) {
    partsInFlight.incrementAndGet();
    try {
      if (stopping) {
        throw new StoreException("upload of " + u.key() + " not started: the run is stopping", 0, null);
      }
      String uploadId = bucket.call("CreateMultipartUpload", "start multipart upload of " + u.key(), s3 -> s3.createMultipartUpload(
          b -> b.bucket(bucket.name).key(u.key()).contentType(u.contentType()).cacheControl(u.cacheControl())
              .metadata(u.metadata()).acl(bucket.acl)).uploadId());
      open.put(uploadId, u.key());
      return uploadId;
    } finally {
      partsInFlight.decrementAndGet();
    }
  }

  void complete(String key, String uploadId, List<CompletedPart> done) {
    bucket.call("CompleteMultipartUpload", "complete multipart upload of " + key, s3 -> s3.completeMultipartUpload(b -> b
        .bucket(bucket.name).key(key).uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(done).build())));
    open.remove(uploadId);
  }

  /**
   * Aborts an upload. It stays tracked until the store has answered, so that a stop meanwhile aborts it too
   * instead of exiting while this request is still in flight.
   */
  void abort(String key, String uploadId) {
    try {
      bucket.counts.add("AbortMultipartUpload");
      bucket.s3().abortMultipartUpload(b -> b.bucket(bucket.name).key(key).uploadId(uploadId));
    } catch (SdkException ignored) {
      // a later run aborts what is left, see abortStale
    } finally {
      open.remove(uploadId);
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
}
