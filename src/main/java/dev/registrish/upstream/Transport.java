package dev.registrish.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends calls over {@code java.net.http} (HTTP/1.1): HTTPS except to loopback hosts and registries
 * marked insecure, a timeout on connecting, on each response's headers and on every read of its body
 * that waits for data, a few retries with jittered
 * backoff on connection failures and 5xx, and redirects followed by hand so that the Authorization
 * header only ever reaches the origin it was meant for.
 */
final class Transport {
  private static final int MAX_REDIRECTS = 5;
  private final HttpClient http;
  private final Duration timeout;
  private final int attempts;
  private final Duration firstDelay;
  private final Set<String> insecure;
  private final RequestCounts counts;

  Transport(Duration timeout, int attempts, Duration firstDelay, Set<String> insecure, RequestCounts counts) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.attempts = attempts;
    this.firstDelay = firstDelay;
    this.insecure = Set.copyOf(insecure);
    this.counts = counts;
  }

  /** The registry's API root, e.g. {@code https://registry-1.docker.io/v2/}. */
  URI api(String registry) {
    boolean plain = insecure.contains(registry) || RegistryHosts.isLoopback(RegistryHosts.hostOf(registry));
    return URI.create((plain ? "http" : "https") + "://" + RegistryHosts.apiHost(registry) + "/v2/");
  }

  /** Sends a call, following redirects; the response's body must be closed by the caller. */
  HttpResponse<InputStream> send(Call call) throws UpstreamException {
    URI target = call.uri();
    boolean sameOrigin = true;
    for (int hop = 0; ; hop++) {
      checkScheme(call, target);
      HttpResponse<InputStream> r = withRetries(call, target, sameOrigin ? call.authorization() : null);
      String location = r.headers().firstValue("Location").orElse(null);
      if (!isRedirect(r.statusCode()) || location == null) {
        return r;
      }
      UpstreamResponses.close(r);
      if (hop == MAX_REDIRECTS) {
        throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, call.ref(), "more than " + MAX_REDIRECTS
            + " redirects from " + shown(call.uri()));
      }
      target = target.resolve(location);
      sameOrigin = sameOrigin && sameOrigin(call.uri(), target);
    }
  }

  private HttpResponse<InputStream> withRetries(Call call, URI target, String authorization) throws UpstreamException {
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout).header("User-Agent", "registrish")
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpRequest request = b.build();
    for (int attempt = 1; ; attempt++) {
      counts.add(call.kind());
      String failure;
      try {
        HttpResponse<InputStream> r = http.send(request, info -> HttpResponse.BodySubscribers.mapping(
            HttpResponse.BodySubscribers.ofInputStream(), body -> new IdleTimeoutInputStream(body, timeout)));
        if (r.statusCode() < 500) {
          return r;
        }
        UpstreamResponses.close(r);
        failure = "HTTP " + r.statusCode();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, call.ref(), "interrupted");
      } catch (IOException e) {
        failure = e.getClass().getSimpleName();
      }
      if (attempt >= attempts) {
        throw new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, call.ref(), call.method() + " "
            + shown(target) + " failed: " + failure + " after " + attempt + " attempts");
      }
      pause(call, firstDelay.toMillis() << Math.min(attempt - 1, 10));
    }
  }

  private static void pause(Call call, long ceiling) throws UpstreamException {
    try {
      Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, call.ref(), "interrupted");
    }
  }

  private void checkScheme(Call call, URI target) throws UpstreamException {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (!scheme.equals("http")) {
      throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, call.ref(), "cannot follow " + shown(target));
    }
    if (!RegistryHosts.isLoopback(target.getHost()) && !insecure.contains(call.ref().registry())) {
      throw new UpstreamException(UpstreamException.Reason.INSECURE, call.ref(), "refusing plain HTTP to "
          + target.getHost() + " (" + shown(target) + "): neither loopback nor a registry marked insecure");
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Whether two URIs share scheme, host and port (default ports made explicit). */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** A URI for messages: without its query, which may hold a presigned signature. */
  static String shown(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }
}
