package dev.registrish.store;

/** A profile that cannot be used: unknown, unreadable, or needing an unset variable. */
public class ProfileException extends Exception {
  public ProfileException(String message) {
    super(message);
  }
}
