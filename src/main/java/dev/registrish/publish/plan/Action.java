package dev.registrish.publish.plan;

/** What a publish does with one key. */
public enum Action {
  /** Missing remotely: send it. */
  UPLOAD,
  /** Missing here, but the same blob is in another repository of the bucket: copy it on the server. */
  COPY,
  /** A tag or derived document whose bytes differ: send the new bytes. */
  REPLACE,
  /** Right bytes, wrong headers: copy the object onto itself re-sending every header. */
  FIX_METADATA,
  /** A content-addressed object whose remote size differs from its name's content; replaced only with --repair. */
  CORRUPT,
  /** Gone from the tree and due for deletion (only with --delete). */
  DELETE,
  /** Gone from the tree but unreferenced for less than the grace period: kept for pulls in flight. */
  WAIT,
  /** Gone from the tree; kept because --delete was not given. */
  EXTRA,
  /** Already right. */
  UNCHANGED;

  /** Whether this action writes to the bucket. */
  public boolean writes() {
    return this == UPLOAD || this == COPY || this == REPLACE || this == FIX_METADATA || this == DELETE;
  }
}
