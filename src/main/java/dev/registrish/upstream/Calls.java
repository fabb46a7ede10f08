package dev.registrish.upstream;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Sends a registry request with authorization: a 401 re-authenticates once and sends again, a 401
 * or 403 after that is {@code unauthorized}; a 429 whose Retry-After is short is waited for once,
 * any other 429 is {@code rate-limited}.
 */
final class Calls {
  /** The longest Retry-After a request waits for before it reports {@code rate-limited}. */
  static final Duration SHORT_WAIT = Duration.ofSeconds(10);
  private final Transport transport;
  private final Authorizer authorizer;

  Calls(Transport transport, Authorizer authorizer) {
    this.transport = transport;
    this.authorizer = authorizer;
  }

  /** Sends the call; any answer but 401, 403 and 429 is returned, its body for the caller to read and close. */
  HttpResponse<InputStream> send(Call call) throws UpstreamException {
    UpstreamReference ref = call.ref();
    boolean reauthenticated = false;
    boolean waited = false;
    while (true) {
      String authorization = authorizer.header(ref);
      HttpResponse<InputStream> r = transport.send(call.withAuthorization(authorization));
      int status = r.statusCode();
      if (status == 401 && !reauthenticated && authorizer.challenged(ref, r, authorization)) {
        UpstreamResponses.close(r);
        reauthenticated = true;
      } else if (status == 401 || status == 403) {
        String why = authorizer.hasCredential(ref) ? "the registry refused the credentials for " + ref.registry()
            : "the registry needs credentials and none were found for " + ref.registry();
        throw new UpstreamException(UpstreamException.Reason.UNAUTHORIZED, ref, why + " (HTTP " + status + ")"
            + UpstreamResponses.registryError(r, ref));
      } else if (status == 429) {
        Duration wait = retryAfter(r);
        UpstreamResponses.close(r);
        if (waited || wait == null || wait.compareTo(SHORT_WAIT) > 0) {
          throw new UpstreamException(UpstreamException.Reason.RATE_LIMITED, ref, "the registry answered HTTP 429"
              + (wait == null ? "" : ", retry after " + wait.toSeconds() + " s") + RateLimit.of(r).map(l -> " (" + l + ")").orElse(""));
        }
        sleep(ref, wait);
        waited = true;
      } else {
        return r;
      }
    }
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpResponse<?> r) {
    String value = r.headers().firstValue("Retry-After").orElse("").trim();
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static void sleep(UpstreamReference ref, Duration wait) throws UpstreamException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, ref, "interrupted");
    }
  }
}
