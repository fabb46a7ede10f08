package dev.registrish.cli;

/** A failure the user can act on: printed as one message with its exit code, never as a stack trace. */
public class UserException extends RuntimeException {
  private final int exitCode;

  public UserException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
