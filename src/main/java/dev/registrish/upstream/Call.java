package dev.registrish.upstream;

import java.net.URI;
import java.util.Map;

/**
 * One request to send: what it is for (the reference, for messages and the transport rules), its
 * kind (for counting) and its HTTP parts.
 *
 * @param headers request headers besides Authorization (Accept, Range, Content-Type)
 * @param authorization the Authorization value, sent only to the origin of {@code uri}; null for none
 * @param body a request body (a form for the token service), or null
 */
record Call(UpstreamReference ref, RequestKind kind, String method, URI uri, Map<String, String> headers,
    String authorization, byte[] body) {

  static Call get(UpstreamReference ref, RequestKind kind, URI uri, Map<String, String> headers) {
    return new Call(ref, kind, "GET", uri, headers, null, null);
  }

  Call withAuthorization(String value) {
    return new Call(ref, kind, method, uri, headers, value, body);
  }
}
