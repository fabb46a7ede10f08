package dev.registrish.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A registry's error body, {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">error codes</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
class RegistryErrorTemplate {
  public List<Error> errors;

  /** One error. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static class Error {
    public String code;
    public String message;
  }
}
