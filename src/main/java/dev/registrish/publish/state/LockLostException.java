package dev.registrish.publish.state;

/** The run no longer holds the bucket's lock: another run took it over, or it was removed. */
public class LockLostException extends RuntimeException {
  public LockLostException(String message) {
    super(message);
  }
}
