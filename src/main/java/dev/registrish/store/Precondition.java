package dev.registrish.store;

/**
 * The condition a write is made on: the key must be free ({@code If-None-Match: *}), or hold the
 * object with this ETag ({@code If-Match}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html">S3 conditional writes</a>
 */
public record Precondition(String ifMatch, String ifNoneMatch) {
  /** Only if no object exists at the key. */
  public static Precondition absent() {
    return new Precondition(null, "*");
  }

  /** Only if the object at the key still has {@code etag}. */
  public static Precondition matching(String etag) {
    return new Precondition(etag, null);
  }

  /** No condition: the write always applies. */
  public static Precondition none() {
    return new Precondition(null, null);
  }

  @Override
  public String toString() {
    return ifMatch != null ? "If-Match: " + ifMatch : ifNoneMatch != null ? "If-None-Match: " + ifNoneMatch : "unconditional";
  }
}
