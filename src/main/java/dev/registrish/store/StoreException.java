package dev.registrish.store;

/** A request to the store failed after retries; the message names the bucket or key and the reason. */
public class StoreException extends RuntimeException {
  private final int status;

  public StoreException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
