package dev.registrish.store;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads and conditional writes of small objects (locks, markers, probes) in one bucket, with the
 * ETags and the store's own times that the callers compare, never this machine's clock.
 */
final class S3SmallObjects {
  private final S3Bucket bucket;

  S3SmallObjects(S3Bucket bucket) {
    this.bucket = bucket;
  }

  Optional<StoredBytes> read(String key) {
    return bucket.send("Get", "get " + key, () -> bucket.requests().get(key).map(r -> new StoredBytes(r.body(),
        S3Bucket.unquote(r.header("ETag").orElse(null)), httpDate(r.header("Last-Modified").orElse(null)),
        httpDate(r.header("Date").orElse(null)))));
  }

  Optional<Written> put(String key, byte[] bytes, String contentType, Precondition condition) {
    return bucket.call("Put", "write " + key + " (" + condition + ")", s3 -> {
      try {
        PutObjectResponse r = s3.putObject(b -> b.bucket(bucket.name).key(key).contentType(contentType).cacheControl("no-store")
            .ifMatch(quote(condition.ifMatch())).ifNoneMatch(condition.ifNoneMatch()), RequestBody.fromBytes(bytes));
        return Optional.of(new Written(S3Bucket.unquote(r.eTag()), date(r.sdkHttpResponse())));
      } catch (S3Exception e) {
        if (refused(e, condition)) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** Whether the store refused a conditional write because its condition did not hold. */
  private static boolean refused(S3Exception e, Precondition condition) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() == 412 || e.statusCode() == 409 && "ConditionalRequestConflict".equals(code)
        || e.statusCode() == 404 && condition.ifMatch() != null && !"NoSuchBucket".equals(code);
  }

  private static String quote(String etag) {
    return etag == null ? null : "\"" + etag + "\"";
  }

  /** The response's {@code Date}: the store's clock. */
  private static Instant date(SdkHttpResponse response) {
    return httpDate(response.firstMatchingHeader("Date").orElse(null));
  }

  /** An HTTP date ({@code Last-Modified}, {@code Date}), or null when absent or unreadable. */
  static Instant httpDate(String value) {
    try {
      return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
