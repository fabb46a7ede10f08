package dev.registrish.verify;

/** No response at all from the registry's {@code /v2/} after retries: wrong URL, server down, or no network. */
public final class RegistryUnreachableException extends VerifyException {
  public RegistryUnreachableException(String message) {
    super(message);
  }
}
