package dev.registrish.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One bucket, on the SDK's client and on {@link S3Requests}: every request is counted and goes through
 * {@link #send} (or {@link #call} for the SDK's), which turns failures into a {@link StoreException}
 * naming the bucket or key and the reason.
 */
final class S3Bucket {
  private final S3Clients.Clients clients;
  final Endpoint endpoint;
  final String name;
  /** The ACL every write sends, or null. */
  final ObjectCannedACL acl;
  final RequestCounts counts = new RequestCounts();

  S3Bucket(S3Clients.Clients clients, Endpoint endpoint) {
    this.clients = clients;
    this.endpoint = endpoint;
    this.name = endpoint.bucket();
    this.acl = "public-read".equals(endpoint.acl()) ? ObjectCannedACL.PUBLIC_READ : null;
  }

  /** The SDK's client, built on first use. */
  S3Client s3() {
    return clients.s3();
  }

  /** The requests sent without the SDK's pipeline. */
  S3Requests requests() {
    return clients.requests();
  }

  /** Runs one request of {@code operation} (as counted) on the SDK's client, described by {@code what}, for messages. */
  <T> T call(String operation, String what, Function<S3Client, T> request) {
    return send(operation, what, () -> request.apply(s3()));
  }

  /** Runs one request of {@code operation} (as counted) described by {@code what}, for messages. */
  <T> T send(String operation, String what, Supplier<T> request) {
    counts.add(operation);
    try {
      return request.get();
    } catch (NoSuchBucketException e) {
      throw new StoreException("bucket '" + name + "' does not exist at " + endpoint.where() + " (" + what + ")", 404, e);
    } catch (S3Exception e) {
      throw failed(what, e);
    } catch (UncheckedIOException e) {
      throw new StoreException(what + " failed: " + e.getCause().getMessage(), 0, e);
    } catch (SdkClientException e) {
      if (isCredentials(e)) {
        String hint = endpoint.profile().template().hints.get("credentials");
        throw new StoreException(what + " failed: no credentials for " + endpoint.where() + ": " + firstLine(e.getMessage())
            + " (" + (hint != null ? hint : "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE") + ")", 0, e);
      }
      String reason = DisplayUrl.strip(e.getCause() != null
          ? e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage() : e.getMessage());
      throw new StoreException(what + " failed: cannot reach " + endpoint.where() + " (" + reason + ")", 0, e);
    }
  }

  private StoreException failed(String what, S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if ("NoSuchBucket".equals(code)) {
      return new StoreException("bucket '" + name + "' does not exist at " + endpoint.where() + " (" + what + ")", 404, e);
    }
    String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? "" : ": " + e.awsErrorDetails().errorMessage();
    String hint = e.statusCode() == 403
        ? "; check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE) and the bucket policy" : "";
    return new StoreException(what + " in bucket '" + name + "' failed: HTTP " + e.statusCode()
        + (code == null ? "" : " " + code) + detail + hint, e.statusCode(), e);
  }

  /** Whether the SDK failed while finding credentials (no network was involved), as opposed to reaching the store. */
  private static boolean isCredentials(SdkClientException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return false;
      }
    }
    return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("credentials");
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse(s);
  }

  /** An ETag without its quotes. */
  static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }
}
