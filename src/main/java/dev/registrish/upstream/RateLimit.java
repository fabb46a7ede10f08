package dev.registrish.upstream;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Docker Hub's pull limit as its {@code RateLimit-Limit} and {@code RateLimit-Remaining} headers tell it,
 * e.g. {@code 100;w=21600}: 100 pulls per 21600 s window.
 *
 * @param remaining pulls left in the window, or -1 when not sent
 * @param window the window, or null when not sent
 * @see <a href="https://docs.docker.com/docker-hub/usage/pulls/">Docker Hub pull usage</a>
 */
public record RateLimit(long limit, long remaining, Duration window) {

  /** The limit a response announces, or empty when it sends no {@code RateLimit-Limit}. */
  public static Optional<RateLimit> of(HttpResponse<?> r) {
    String limit = r.headers().firstValue("RateLimit-Limit").orElse(null);
    long max = number(limit);
    if (max < 0) {
      return Optional.empty();
    }
    long left = number(r.headers().firstValue("RateLimit-Remaining").orElse(null));
    int w = limit.indexOf("w=");
    long seconds = w < 0 ? -1 : number(limit.substring(w + 2));
    return Optional.of(new RateLimit(max, left, seconds < 0 ? null : Duration.ofSeconds(seconds)));
  }

  private static long number(String value) {
    if (value == null) {
      return -1;
    }
    String digits = value.trim().split("[^0-9]", 2)[0];
    return digits.isEmpty() || digits.length() > 18 ? -1 : Long.parseLong(digits);
  }

  @Override
  public String toString() {
    return "limit " + limit + (window != null ? " per " + window.toSeconds() + " s" : "")
        + (remaining >= 0 ? ", " + remaining + " left" : "");
  }
}
