package dev.registrish.verify;

import dev.registrish.oci.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An anonymous registry client on {@code java.net.http} (HTTP/1.1, keep-alive, redirects followed)
 * that asks the way Docker, containerd and containers/image do: the same Accept headers, and
 * {@code Accept-Encoding: gzip} as Go's HTTP client sends. Requests are asynchronous, bounded by a
 * {@link RequestLimiter} and retried by a {@link RetryPolicy}; a request never fails, it yields an
 * {@link HttpResult} that says what happened.
 */
public final class RegistryClient {
  /** Every manifest and index type, OCI and Docker, schema1 included, as containerd and containers/image accept them. */
  public static final String MANIFEST_ACCEPT = String.join(", ",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.v1+prettyjws",
      "application/vnd.docker.distribution.manifest.v1+json",
      "*/*");

  private final HttpClient http;
  private final RequestLimiter limiter;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final AtomicLong requests = new AtomicLong();

  public RegistryClient(int concurrency, RetryPolicy retry, Duration timeout) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.limiter = new RequestLimiter(concurrency);
    this.retry = retry;
    this.timeout = timeout;
  }

  /** HEAD with the given Accept header. */
  public CompletableFuture<HttpResult> head(URI uri, String accept) {
    return send("HEAD", uri, accept, HttpResponse.BodyHandlers.discarding(), (r, body) -> result(r, null, null, -1));
  }

  /** GET, the body kept in memory (manifests and small documents). */
  public CompletableFuture<HttpResult> get(URI uri, String accept) {
    return send("GET", uri, accept, HttpResponse.BodyHandlers.ofByteArray(),
        (r, body) -> result(r, body, null, body.length));
  }

  /** GET, the body hashed as it streams and then dropped (blobs). */
  public CompletableFuture<HttpResult> getDigest(URI uri) {
    BodyHandler<DigestingSubscriber.Hashed> handler = info -> {
      DigestingSubscriber s = new DigestingSubscriber();
      return BodySubscribers.fromSubscriber(s, DigestingSubscriber::result);
    };
    return send("GET", uri, "*/*", handler, (r, h) -> result(r, null, h.digest(), h.length()));
  }

  /** Requests sent so far, retries included. */
  public long requests() {
    return requests.get();
  }

  private interface Finisher<T> {
    HttpResult finish(HttpResponse<T> response, T body);
  }

  private static HttpResult result(HttpResponse<?> r, byte[] body, Digest digest, long length) {
    return new HttpResult(r.request().method(), r.request().uri(), r.statusCode(), r.headers(), body, digest, length, 0, null);
  }

  private <T> CompletableFuture<HttpResult> send(String method, URI uri, String accept, BodyHandler<T> handler,
      Finisher<T> finisher) {
    HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(timeout).header("Accept", accept).header("Accept-Encoding", "gzip")
        .header("User-Agent", "registrish-verify").build();
    return attempt(request, handler, finisher, 1);
  }

  private <T> CompletableFuture<HttpResult> attempt(HttpRequest request, BodyHandler<T> handler, Finisher<T> finisher,
      int attempt) {
    return limiter.submit(() -> {
      requests.incrementAndGet();
      return http.sendAsync(request, handler);
    }).handle((response, error) -> {
      if (error == null && !RetryPolicy.transientStatus(response.statusCode())) {
        return CompletableFuture.completedFuture(withAttempts(finisher.finish(response, response.body()), attempt));
      }
      String reason = error == null ? null : describe(error);
      if (error != null && !(unwrap(error) instanceof IOException)) {
        return CompletableFuture.completedFuture(HttpResult.failed(request.method(), request.uri(), attempt, reason));
      }
      if (attempt >= retry.attempts()) {
        return CompletableFuture.completedFuture(error == null
            ? withAttempts(finisher.finish(response, response.body()), attempt)
            : HttpResult.failed(request.method(), request.uri(), attempt, reason));
      }
      Executor later = CompletableFuture.delayedExecutor(retry.delayMillis(attempt), TimeUnit.MILLISECONDS);
      return CompletableFuture.supplyAsync(() -> null, later)
          .thenCompose(x -> attempt(request, handler, finisher, attempt + 1));
    }).thenCompose(f -> f);
  }

  private static HttpResult withAttempts(HttpResult r, int attempts) {
    return new HttpResult(r.method(), r.uri(), r.status(), r.headers(), r.body(), r.bodyDigest(), r.bodyLength(),
        attempts, r.error());
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static String describe(Throwable error) {
    Throwable e = unwrap(error);
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
