package dev.registrish.hosting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Fronts a bucket of an S3-compatible endpoint at the host root, as a CDN would: GET and HEAD of
 * {@code /v2/...} go to {@code <bucket URL>/<key>} and the stored headers come back
 * unchanged, with a tag's digest (kept in its user metadata) as {@code Docker-Content-Digest}. Missing objects answer registry JSON errors; {@code /v2/} answers {@code {}} when
 * the bucket holds no ping object, and a referrers request the bucket has no document for an empty index.
 */
public final class BucketFrontHandler implements HttpHandler {
  /** Stored headers passed through as they are. */
  private static final List<String> PASSED = List.of(
      "Content-Type", "Content-Length", "Cache-Control", "ETag", "Last-Modified", "Content-Range", "Accept-Ranges");
  private static final String DIRECTORY_TYPE = "application/x-directory";
  /** A tag's digest as publish stores it in the object's user metadata: the front sends it as Docker-Content-Digest. */
  private static final String STORED_DIGEST = "x-amz-meta-" + HeaderRules.SHA256_METADATA;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI bucketUri;
  private final HeaderRules rules;

  /**
   * {@code bucketUri} is the bucket's root, e.g. {@code http://127.0.0.1:PORT/bucket/}: keys are resolved against it;
   * {@code rules} give the headers of what the bucket cannot hold (the empty referrers index of a digest it has none for).
   */
  public BucketFrontHandler(URI bucketUri, HeaderRules rules) {
    this.bucketUri = bucketUri;
    this.rules = rules;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String key = Exchanges.requestedKey(ex);
      if (key == null) {
        return;
      }
      RegistryKey parsed = RegistryKey.parse(key);
      if (parsed == null && MissingReferrers.asked(key)) {
        MissingReferrers.answer(ex, key, rules);
        return;
      }
      if (parsed == null) {
        Exchanges.error(ex, 404, RegistryErrors.UNSUPPORTED);
        return;
      }
      HttpResponse<InputStream> upstream = fetch(ex, key);
      try (InputStream body = upstream.body()) {
        if (parsed.kind() == Kind.REFERRERS && (upstream.statusCode() == 404 || upstream.statusCode() == 403)) {
          MissingReferrers.answer(ex, key, rules);
          return;
        }
        relay(ex, key, upstream, body);
      }
    }
  }

  private HttpResponse<InputStream> fetch(HttpExchange ex, String key) throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(bucketUri.resolve(encode(key))).timeout(Duration.ofMinutes(10))
        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null) {
      req.header("Range", range);
    }
    try {
      return client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + key + " from the bucket", e);
    }
  }

  private static void relay(HttpExchange ex, String key, HttpResponse<InputStream> upstream, InputStream body)
      throws IOException {
    int status = upstream.statusCode();
    String type = upstream.headers().firstValue("Content-Type").orElse("");
    if (key.equals(RegistryKey.ROOT) && (status == 404 || status == 403 || type.startsWith(DIRECTORY_TYPE))) {
      ex.getResponseHeaders().set("Cache-Control", HeaderRules.NOT_CACHED);
      Exchanges.bytes(ex, 200, MediaType.JSON, "{}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (status == 404 || status == 403) {
      Exchanges.error(ex, 404, RegistryErrors.forMissing(key));
      return;
    }
    for (String name : PASSED) {
      upstream.headers().firstValue(name).ifPresent(v -> ex.getResponseHeaders().set(name, v));
    }
    String ref = key.substring(key.lastIndexOf('/') + 1);
    String stored = upstream.headers().firstValue(STORED_DIGEST).orElse("");
    RegistryKey k = RegistryKey.parse(key);
    if (status < 300 && Digest.isValid(ref)) {
      ex.getResponseHeaders().set("Docker-Content-Digest", ref);
    } else if (status < 300 && k != null && k.isManifestReference() && Digest.isValid(stored)) {
      ex.getResponseHeaders().set("Docker-Content-Digest", stored);
    }
    long length = upstream.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (length < 0) {
      byte[] all = body.readAllBytes();
      Exchanges.bytes(ex, status, type.isEmpty() ? MediaType.OCTET_STREAM : type, all);
      return;
    }
    OutputStream out = Exchanges.start(ex, status, length);
    if (out != null) {
      body.transferTo(out);
    }
  }

  /** Encodes the characters a key may hold that a URI path may not ({@code :} stays). */
  private static String encode(String key) {
    return key.replace("%", "%25").replace(" ", "%20");
  }
}
