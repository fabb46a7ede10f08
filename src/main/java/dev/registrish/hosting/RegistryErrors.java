package dev.registrish.hosting;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.registrish.oci.Json;
import dev.registrish.tree.RegistryKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The registry's JSON error bodies ({@code {"errors":[{"code":..,"message":..}]}}), the same for
 * serve and every generated static-host config.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">distribution spec error codes</a>
 */
public enum RegistryErrors {
  BLOB_UNKNOWN("blob unknown to registry"),
  MANIFEST_UNKNOWN("manifest unknown"),
  NAME_UNKNOWN("repository name not known to registry"),
  NAME_INVALID("invalid path"),
  DIGEST_INVALID("invalid digest"),
  UNSUPPORTED("not a registry path, or an operation this read-only registry does not support");

  private final String message;

  RegistryErrors(String message) {
    this.message = message;
  }

  /** The JSON body, on one line. */
  public String json() {
    try {
      return Json.MAPPER.writeValueAsString(Map.of("errors", List.of(Map.of("code", name(), "message", message))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] bytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  /** The error for a missing object at {@code key} (e.g. {@code v2/app/blobs/sha256:..}). */
  public static RegistryErrors forMissing(String key) {
    RegistryKey k = RegistryKey.parse(key);
    return k == null ? UNSUPPORTED : switch (k.kind()) {
      case BLOB -> BLOB_UNKNOWN;
      case TAG, MANIFEST -> MANIFEST_UNKNOWN;
      case TAGS_LIST -> NAME_UNKNOWN;
      default -> UNSUPPORTED;
    };
  }
}
