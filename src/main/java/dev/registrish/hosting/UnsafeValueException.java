package dev.registrish.hosting;

/** A value from the tree that cannot be written safely into a web server's configuration. */
public final class UnsafeValueException extends RuntimeException {
  public UnsafeValueException(String message) {
    super(message);
  }
}
