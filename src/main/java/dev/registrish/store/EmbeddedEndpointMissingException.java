package dev.registrish.store;

import java.io.IOException;

/** The embedded endpoint cannot start because its libraries are not installed ({@code lib/embedded} of the distribution). */
public final class EmbeddedEndpointMissingException extends IOException {
  public EmbeddedEndpointMissingException(String message, Throwable cause) {
    super(message, cause);
  }
}
