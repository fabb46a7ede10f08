package dev.registrish.store;

/** A listing that does not move forward: the store repeated a continuation token or answered keys out of order. */
public class StalledListingException extends StoreException {
  public StalledListingException(String message) {
    super(message, 0, null);
  }
}
