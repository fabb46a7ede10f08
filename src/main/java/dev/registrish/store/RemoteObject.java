package dev.registrish.store;

import java.time.Instant;

/**
 * One entry of a bucket listing: key, size, ETag (without quotes) and when it was last written, by the store's
 * clock (null when unknown). A listing never carries headers.
 */
public record RemoteObject(String key, long size, String etag, Instant lastModified) implements Comparable<RemoteObject> {
  public RemoteObject(String key, long size, String etag) {
    this(key, size, etag, null);
  }

  /** The same object under another key (the listing's key without the prefix). */
  public RemoteObject withKey(String newKey) {
    return new RemoteObject(newKey, size, etag, lastModified);
  }

  /** Whether the ETag is a plain MD5 of the bytes (single-part upload, no SSE-KMS/SSE-C). */
  public boolean etagIsMd5() {
    return etag != null && etag.length() == 32 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  @Override
  public int compareTo(RemoteObject o) {
    return key.compareTo(o.key);
  }
}
