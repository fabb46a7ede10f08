package dev.registrish.publish.state;

/** Another publish holds the bucket's lock. */
public class LockedException extends Exception {
  public LockedException(String message) {
    super(message);
  }
}
