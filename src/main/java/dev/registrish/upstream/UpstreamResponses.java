package dev.registrish.upstream;

import dev.registrish.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;

/** Reading responses: bodies within a size cap, the Content-Type, and a registry's error turned into a one-line reason. */
final class UpstreamResponses {
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private UpstreamResponses() {}

  /** Reads at most {@code limit} bytes of the body; null when it is longer. Closes the body. */
  static byte[] read(HttpResponse<InputStream> r, int limit, UpstreamReference ref) throws UpstreamException {
    try (InputStream in = r.body()) {
      byte[] bytes = in.readNBytes(limit + 1);
      return bytes.length > limit ? null : bytes;
    } catch (IOException e) {
      throw new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, ref, "reading " + Transport.shown(r.uri())
          + " failed: " + e.getClass().getSimpleName());
    }
  }

  /** Closes a response's body, quietly. */
  static void close(HttpResponse<InputStream> r) {
    try {
      r.body().close();
    } catch (IOException e) {
      // nothing more to read from it
    }
  }

  /** The Content-Type without parameters, lower-cased, or "". */
  static String mediaType(HttpResponse<?> r) {
    String type = r.headers().firstValue("Content-Type").orElse("");
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** A failure for an unexpected status: {@code what} the request was, the status and the registry's own error code and message. */
  static UpstreamException unexpected(HttpResponse<InputStream> r, UpstreamReference ref, String what) throws UpstreamException {
    return new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref, what + " answered HTTP " + r.statusCode()
        + registryError(r, ref));
  }

  /** The registry's first error as {@code " (CODE: message)"}, or "" when the body holds none. Closes the body. */
  static String registryError(HttpResponse<InputStream> r, UpstreamReference ref) throws UpstreamException {
    byte[] body = read(r, ERROR_BODY_LIMIT, ref);
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      RegistryErrorTemplate t = Json.MAPPER.readValue(body, RegistryErrorTemplate.class);
      if (t == null || t.errors == null || t.errors.isEmpty()) {
        return "";
      }
      RegistryErrorTemplate.Error e = t.errors.get(0);
      String message = e.message == null ? "" : ": " + e.message.replaceAll("\\s+", " ");
      return " (" + e.code + message + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
