package dev.registrish.verify;

import dev.registrish.oci.Digest;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one request got after retries: a status with headers and (for GET) the body or its digest,
 * or, when no response ever arrived, the reason.
 *
 * @param body the body of a buffered GET, else null
 * @param bodyDigest the sha256 of a streamed GET body, else null
 * @param bodyLength bytes received (-1 for HEAD or no response)
 * @param error why no response arrived (null when one did)
 */
public record HttpResult(String method, URI uri, int status, HttpHeaders headers, byte[] body, Digest bodyDigest,
    long bodyLength, int attempts, String error) {

  static HttpResult failed(String method, URI uri, int attempts, String error) {
    return new HttpResult(method, uri, -1, HttpHeaders.of(Map.of(), (a, b) -> true), null, null, -1, attempts, error);
  }

  /** Whether a response arrived at all. */
  public boolean responded() {
    return error == null;
  }

  public boolean ok() {
    return status == 200;
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  public OptionalLong contentLength() {
    return headers.firstValueAsLong("Content-Length");
  }

  /** The Content-Type without parameters, lower-cased, or empty. */
  public String mediaType() {
    String type = header("Content-Type").orElse("");
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** A short description of the outcome for messages, e.g. {@code HTTP 404} or {@code no response (ConnectException)}. */
  public String outcome() {
    return responded() ? "HTTP " + status : "no response after " + attempts + " attempts (" + error + ")";
  }
}
