package dev.registrish.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * PutObject as one signed request on the SDK's HTTP client, without the SDK's per-request pipeline
 * (interceptors, endpoint rules, auth-scheme resolution), which costs more CPU than the request itself
 * for the small objects a tree is made of. The URL, region and credentials are the SDK client's, the
 * signature is the SDK's SigV4 signer's; failures are thrown as the SDK would throw them. Retries follow
 * the SDK's standard mode: three attempts, on a lost connection, a 5xx, a 429 or a throttling code, with
 * jittered exponential backoff; a clock the store says is off is corrected from its {@code Date}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html">PutObject</a>
 */
final class S3Puts {
  private static final int ATTEMPTS = 3;
  private static final Duration MAX_SKEW = Duration.ofMinutes(4);
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
  private static final Pattern SERVER_TIME = Pattern.compile("<ServerTime>([^<]*)</ServerTime>");

  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final String region;
  /** The URL of the bucket's objects, ending where an encoded key follows. */
  private final String objects;
  private volatile Duration skew = Duration.ZERO;

  S3Puts(S3Client s3, SdkHttpClient http, String bucket) {
    this.http = http;
    this.credentials = s3.serviceClientConfiguration().credentialsProvider();
    this.region = s3.serviceClientConfiguration().region().id();
    String url = s3.utilities().getUrl(b -> b.bucket(bucket).key("k")).toString();
    this.objects = url.substring(0, url.length() - 1);
  }

  /** Writes {@code body} ({@code size} bytes) at {@code key} with {@code headers}; throws as the SDK's putObject does. */
  void put(String key, Map<String, String> headers, long size, ContentStreamProvider body) {
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
        .uri(URI.create(objects + SdkHttpUtils.urlEncodeIgnoreSlashes(key)))
        .putHeader("Content-Length", Long.toString(size)).putHeader("User-Agent", "registrish");
    headers.forEach(request::putHeader);
    SdkHttpFullRequest unsigned = request.build();
    for (int attempt = 1; ; attempt++) {
      RuntimeException failure;
      boolean throttled = false;
      try {
        Answer answer = send(unsigned, body);
        if (answer.status / 100 == 2) {
          return;
        }
        failure = answer.exception();
        throttled = answer.status == 429 || answer.code != null && answer.code.contains("SlowDown")
            || answer.code != null && answer.code.startsWith("Throttl");
        if (!throttled && !answer.correctsClock(this) && answer.status < 500) {
          throw failure;
        }
      } catch (IOException e) {
        failure = SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage()).cause(e).build();
      }
      if (attempt == ATTEMPTS) {
        throw failure;
      }
      backoff(attempt, throttled);
    }
  }

  private Answer send(SdkHttpFullRequest unsigned, ContentStreamProvider body) throws IOException {
    AwsCredentialsIdentity identity;
    try {
      identity = credentials.resolveIdentity().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    SignedRequest signed = signer.sign(r -> r.identity(identity).request(unsigned).payload(body)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3").putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), skew)));
    HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
        .contentStreamProvider(signed.payload().orElse(null)).build()).call();
    String text = "";
    Optional<? extends InputStream> in = response.responseBody();
    if (in.isPresent()) {
      try (InputStream stream = in.get()) {
        text = new String(stream.readAllBytes(), StandardCharsets.UTF_8); // read to the end: the connection is reused
      }
    }
    int status = response.httpResponse().statusCode();
    return new Answer(status, first(CODE, text), first(MESSAGE, text), storeTime(first(SERVER_TIME, text),
        response.httpResponse().firstMatchingHeader("Date").orElse(null)));
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The store's time: the {@code ServerTime} of a RequestTimeTooSkewed error, else its {@code Date}; or null. */
  private static Instant storeTime(String serverTime, String date) {
    try {
      if (serverTime != null) {
        return Instant.parse(serverTime);
      }
      return date == null ? null : ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void backoff(int attempt, boolean throttled) {
    long ceiling = Math.min(20_000, (throttled ? 1000L : 100L) << (attempt - 1));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.create("Thread was interrupted", e);
    }
  }

  /** One answer of the store: its status, the error's code and message when it refused, and its time. */
  private record Answer(int status, String code, String message, Instant time) {
    S3Exception exception() {
      return (S3Exception) S3Exception.builder().statusCode(status).message(message == null ? "HTTP " + status : message)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3").build())
          .build();
    }

    /** Whether the store's clock is far from this machine's: the next signature then uses the store's time. */
    boolean correctsClock(S3Puts puts) {
      if (time == null || (status != 403 && status != 400)) {
        return false;
      }
      Duration off = Duration.between(Instant.now(), time);
      if (off.abs().compareTo(MAX_SKEW) <= 0) {
        return false;
      }
      puts.skew = off;
      return true;
    }
  }
}
