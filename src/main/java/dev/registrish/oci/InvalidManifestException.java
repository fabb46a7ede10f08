package dev.registrish.oci;

/** Thrown when bytes are not a manifest registrish can serve. */
public class InvalidManifestException extends Exception {
  public InvalidManifestException(String message) {
    super(message);
  }
}
