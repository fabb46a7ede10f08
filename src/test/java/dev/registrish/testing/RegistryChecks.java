package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** What a registry client sees over HTTP, compared with the header rules: one check for every host. */
public final class RegistryChecks {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private RegistryChecks() {}

  public static HttpResponse<byte[]> send(URI base, String method, String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Every object answers GET and HEAD with its bytes and exactly the headers of the rules (and no
   * Content-Encoding even when the client accepts gzip); missing manifests and blobs answer registry JSON errors.
   */
  public static void servesEveryObject(URI base, List<TreeObject> objects) throws Exception {
    for (TreeObject o : objects) {
      String path = "/" + o.path();
      for (String method : List.of("GET", "HEAD")) {
        HttpResponse<byte[]> r = send(base, method, path, Map.of("Accept-Encoding", "gzip"));
        String what = method + " " + path;
        assertEquals(200, r.statusCode(), what);
        assertEquals(o.headers().contentType(), r.headers().firstValue("Content-Type").orElse(null), what + " Content-Type");
        assertEquals(o.headers().cacheControl(), r.headers().firstValue("Cache-Control").orElse(null), what + " Cache-Control");
        if (o.headers().dockerContentDigest() != null) {
          assertEquals(o.headers().dockerContentDigest(), r.headers().firstValue("Docker-Content-Digest").orElse(null),
              what + " Docker-Content-Digest");
        }
        assertEquals(null, r.headers().firstValue("Content-Encoding").orElse(null), what + " Content-Encoding");
        assertEquals(HeaderRules.NOSNIFF, r.headers().firstValue(HeaderRules.NOSNIFF_HEADER).orElse(null), what + " nosniff");
        assertEquals(Long.toString(o.size()), r.headers().firstValue("Content-Length").orElse(null), what + " Content-Length");
        if (method.equals("GET")) {
          assertEquals(o.digest(), Digest.sha256(r.body()), what + " body");
        }
      }
    }
    missing(base, "/v2/app/manifests/sha256:" + "0".repeat(64), "MANIFEST_UNKNOWN");
    missing(base, "/v2/app/manifests/no-such-tag", "MANIFEST_UNKNOWN");
    missing(base, "/v2/app/blobs/sha256:" + "0".repeat(64), "BLOB_UNKNOWN");
    missing(base, "/v2/no/such/repo/manifests/v1", "MANIFEST_UNKNOWN");
  }

  /** A 404 whose body is a registry error with {@code code}, served as application/json. */
  public static void missing(URI base, String path, String code) throws Exception {
    HttpResponse<byte[]> r = send(base, "GET", path, Map.of());
    assertEquals(404, r.statusCode(), path);
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""), path);
    assertEquals(HeaderRules.NOT_CACHED, r.headers().firstValue("Cache-Control").orElse(null), path + " Cache-Control");
    assertEquals(HeaderRules.NOSNIFF, r.headers().firstValue(HeaderRules.NOSNIFF_HEADER).orElse(null), path + " nosniff");
    var errors = Json.MAPPER.readTree(r.body()).get("errors");
    assertTrue(errors != null && errors.size() == 1, path + ": " + new String(r.body()));
    assertEquals(code, errors.get(0).get("code").asText(), path);
  }
}
