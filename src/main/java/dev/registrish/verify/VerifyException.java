package dev.registrish.verify;

/** Verify could not run its checks at all (as opposed to checks that found problems, which a {@link VerifyReport} holds). */
public abstract class VerifyException extends Exception {
  protected VerifyException(String message) {
    super(message);
  }
}
