package dev.registrish.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Multipart uploads and copies of one bucket: parts read from a file or a stream, several in flight, and
 * on failure aborted once the parts in flight have ended ({@link S3Uploads} tracks them).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html">S3 multipart upload</a>
 */
final class S3Multipart {
  private static final long MIN_PART = 16L << 20;
  /** MiB of streamed parts held in memory at once, across every stream of this store. */
  private static final int BUFFER_MIB = 64;

  private final S3Bucket bucket;
  private final S3Uploads uploads;
  private final int maxParts;
  private final ExecutorService parts;
  private final Semaphore buffers = new Semaphore(BUFFER_MIB);

  S3Multipart(S3Bucket bucket, S3Uploads uploads, ExecutorService parts) {
    this.bucket = bucket;
    this.uploads = uploads;
    this.maxParts = bucket.endpoint.profile().template().maxParts;
    this.parts = parts;
  }

  /** Parts of at least 16 MiB, whole MiB, few enough for the provider's part limit. */
  long partSize(long size) {
    long part = Math.max(MIN_PART, (size + maxParts - 1) / maxParts);
    return (part + (1 << 20) - 1) >> 20 << 20;
  }

  /** Uploads a file in parts, several at once, each streamed from disk. */
  void upload(Upload u) {
    uploadParts(u, (offset, length) -> new Part(fileRange(u, offset, length), 0));
  }

  /**
   * Uploads a stream, every byte read once: in parts read one after the other, each held in memory while it
   * is sent (within a budget shared by every stream of this store), or as one request when it fits in one
   * part. A stream that fails or proves wrong on its last read leaves no object; a multipart upload is aborted.
   */
  void uploadStream(Upload u, PutBytes single) {
    try (InputStream in = u.stream().open()) {
      Parts parts = (offset, length) -> {
        int permits = Math.min(BUFFER_MIB, (length + (1 << 20) - 1) >> 20);
        buffers.acquire(permits);
        try {
          byte[] part = in.readNBytes(length);
          if (part.length != length) {
            throw new IOException("the source ended after " + (offset + part.length) + " of " + u.size() + " bytes");
          }
          return new Part(SentBytes.counted(u.sent(), RequestBody.fromBytes(part)), permits);
        } catch (IOException | RuntimeException e) {
          buffers.release(permits);
          throw e;
        }
      };
      if (u.size() <= partSize(u.size())) {
        Part whole = parts.next(0, (int) u.size());
        try {
          single.put(whole.body());
        } finally {
          buffers.release(whole.permits());
        }
      } else {
        uploadParts(u, parts);
      }
    } catch (IOException e) {
      throw new StoreException("upload of " + u.key() + " failed: " + e.getMessage(), 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("upload of " + u.key() + " interrupted", 0, e);
    }
  }

  /** Sends a whole object in one request. */
  interface PutBytes {
    void put(RequestBody body);
  }

  /** One part's body, and the MiB of the stream budget it holds until sent. */
  private record Part(RequestBody body, int permits) {}

  private interface Parts {
    Part next(long offset, int length) throws IOException, InterruptedException;
  }

  /** Sends every part (several at once); on failure, parts in flight end and the upload is aborted. */
  private void uploadParts(Upload u, Parts next) {
    String uploadId = uploads.start(u);
    long partSize = partSize(u.size());
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<CompletedPart>> futures = new ArrayList<>();
    try {
      int number = 1;
      for (long offset = 0; offset < u.size(); offset += partSize, number++) {
        int length = (int) Math.min(partSize, u.size() - offset);
        if (failed.get() || uploads.stopping) {
          throw new StoreException("upload of " + u.key() + " stopped before part " + number, 0, null);
        }
        Part part = next.next(offset, length);
        int n = number;
        futures.add(parts.submit(() -> {
          uploads.partsInFlight.incrementAndGet();
          try {
            if (failed.get() || uploads.stopping) {
              throw new StoreException("upload of " + u.key() + " stopped before part " + n, 0, null);
            }
            return uploadPart(u.key(), uploadId, n, part.body(), length);
          } catch (RuntimeException e) {
            failed.set(true);
            throw e;
          } finally {
            uploads.partsInFlight.decrementAndGet();
            buffers.release(part.permits());
          }
        }));
      }
      List<CompletedPart> done = new ArrayList<>();
      for (Future<CompletedPart> f : futures) {
        done.add(f.get());
      }
      uploads.complete(u.key(), uploadId, done);
    } catch (Exception e) {
      // parts still in flight would outlive an abort, and S3 would keep (and bill) their bytes: let them end first
      failed.set(true);
      awaitQuietly(futures);
      uploads.abort(u.key(), uploadId);
      if (e instanceof ExecutionException ee && ee.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException re ? re : new StoreException("upload of " + u.key() + " failed: " + e.getMessage(), 0, e);
    }
  }

  /** Copies {@code sourceKey} onto {@code u.key()} in ranges of at least 512 MiB (objects above 5 GiB). */
  void copy(String sourceKey, Upload u) {
    String uploadId = uploads.start(u);
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
      uploads.complete(u.key(), uploadId, done);
    } catch (RuntimeException e) {
      uploads.abort(u.key(), uploadId);
      throw e;
    }
  }

  private CompletedPart uploadPart(String key, String uploadId, int number, RequestBody body, long length) {
    String etag = bucket.call("UploadPart", "upload part " + number + " of " + key, s3 -> s3.uploadPart(b -> b
        .bucket(bucket.name).key(key).uploadId(uploadId).partNumber(number).contentLength(length), body).eTag());
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  private static RequestBody fileRange(Upload u, long offset, long length) {
    return SentBytes.counted(u.sent(), RequestBody.fromContentProvider(() -> {
      try {
        return FileRange.open(u.file(), offset, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, length, "application/octet-stream"));
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
}
