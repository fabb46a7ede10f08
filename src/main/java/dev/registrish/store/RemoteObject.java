package dev.registrish.store;

/** One entry of a bucket listing: key, size and ETag (without quotes). A listing never carries headers. */
public record RemoteObject(String key, long size, String etag) implements Comparable<RemoteObject> {
  /** Whether the ETag is a plain MD5 of the bytes (single-part upload, no SSE-KMS/SSE-C). */
  public boolean etagIsMd5() {
    return etag != null && etag.length() == 32 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  @Override
  public int compareTo(RemoteObject o) {
    return key.compareTo(o.key);
  }
}
