package dev.registrish.publish.state;

/** The store does not honour conditional writes, so the bucket lock could not keep two publishes apart. */
public class ConditionalWritesException extends Exception {
  public ConditionalWritesException(String message) {
    super(message);
  }
}
