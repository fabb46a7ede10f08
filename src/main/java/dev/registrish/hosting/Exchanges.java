package dev.registrish.hosting;

import com.sun.net.httpserver.HttpExchange;
import dev.registrish.tree.HeaderRules;
import java.io.IOException;
import java.io.OutputStream;

/** Small helpers to answer an exchange: bytes with a length, JSON errors, HEAD without a body. */
final class Exchanges {
  static final String API_VERSION = "registry/2.0";

  private Exchanges() {}

  static boolean isHead(HttpExchange ex) {
    return ex.getRequestMethod().equals("HEAD");
  }

  /** Sends status and headers with a {@code length}-byte body (none for HEAD); returns the body stream or null. */
  static OutputStream start(HttpExchange ex, int status, long length) throws IOException {
    ex.getResponseHeaders().set("Docker-Distribution-API-Version", API_VERSION);
    ex.getResponseHeaders().set(HeaderRules.NOSNIFF_HEADER, HeaderRules.NOSNIFF);
    if (isHead(ex)) {
      ex.getResponseHeaders().set("Content-Length", Long.toString(length));
      ex.sendResponseHeaders(status, -1);
      return null;
    }
    ex.sendResponseHeaders(status, length == 0 ? -1 : length);
    return length == 0 ? null : ex.getResponseBody();
  }

  static void bytes(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    OutputStream out = start(ex, status, body.length);
    if (out != null) {
      out.write(body);
    }
    ex.close();
  }

  static void error(HttpExchange ex, int status, RegistryErrors error) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", HeaderRules.error().cacheControl());
    bytes(ex, status, HeaderRules.error().contentType(), error.bytes());
  }

  /**
   * The key a request asks for, or null once it has been answered: 405 for anything but GET and
   * HEAD, 400 for a path that is not a registry path (escapes, encoded dots, absolute URLs).
   */
  static String requestedKey(HttpExchange ex) throws IOException {
    if (rejectWrites(ex)) {
      return null;
    }
    String key = RegistryPath.toKey(ex.getRequestURI().getRawPath());
    if (key == null) {
      error(ex, 400, RegistryErrors.NAME_INVALID);
    }
    return key;
  }

  static boolean rejectWrites(HttpExchange ex) throws IOException {
    String m = ex.getRequestMethod();
    if (m.equals("GET") || m.equals("HEAD")) {
      return false;
    }
    ex.getResponseHeaders().set("Allow", "GET, HEAD");
    error(ex, 405, RegistryErrors.UNSUPPORTED);
    return true;
  }
}
