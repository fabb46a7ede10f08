package dev.registrish.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
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
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The requests a publish makes by the thousand (PutObject of a file or a document, GetObject and HeadObject
 * of small objects, ListObjectsV2 pages), each one signed request on the SDK's HTTP client, without the
 * SDK's per-request pipeline (interceptors, endpoint rules, auth-scheme resolution): that pipeline costs
 * more CPU than the request itself for the small objects a tree is made of, and its start-up more than a
 * whole no-op run. The URL, region and credentials are the profile's, resolved as the SDK resolves them,
 * the signature is the SDK's SigV4 signer's, and failures are thrown as the SDK throws them. Retries follow
 * the SDK's standard mode: three attempts, on a lost connection, a 5xx, a 429 or a throttling code, with
 * jittered exponential backoff; a clock the store says is off is corrected from its {@code ServerTime}
 * or {@code Date}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html">PutObject</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 */
final class S3Requests {
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
  /** The URL of the bucket itself, for listings. */
  private final String bucketUrl;
  private volatile Duration skew = Duration.ZERO;

  /** {@code objects}: the URL an object's encoded key is appended to; {@code bucket}: the bucket's own URL. */
  S3Requests(SdkHttpClient http, IdentityProvider<? extends AwsCredentialsIdentity> credentials, String region,
      String objects, String bucket) {
    this.http = http;
    this.credentials = credentials;
    this.region = region;
    this.objects = objects;
    this.bucketUrl = bucket;
  }

  /** One answer of the store: its status, headers and body. */
  record Response(int status, SdkHttpResponse headers, byte[] body) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** The store's error code, or null (a HEAD's error has no body). */
    String code() {
      return first(CODE, new String(body, StandardCharsets.UTF_8));
    }

    Optional<String> header(String name) {
      return headers.firstMatchingHeader(name);
    }

    /** This answer as the SDK throws it. */
    S3Exception exception() {
      String text = new String(body, StandardCharsets.UTF_8);
      String message = first(MESSAGE, text);
      return (S3Exception) S3Exception.builder().statusCode(status).message(message == null ? "HTTP " + status : message)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode(first(CODE, text)).errorMessage(message).serviceName("S3")
              .sdkHttpResponse(headers).build())
          .build();
    }
  }

  /** Writes {@code body} ({@code size} bytes) at {@code key} with {@code headers}; throws as the SDK's putObject does. */
  void put(String key, Map<String, String> headers, long size, ContentStreamProvider body) {
    Response r = send(SdkHttpMethod.PUT, objectUri(key, Map.of()), headers, size, body);
    if (!r.ok()) {
      throw r.exception();
    }
  }

  /** GetObject: the answer when the object exists, empty when the store says there is no such key. */
  Optional<Response> get(String key) {
    return found(send(SdkHttpMethod.GET, objectUri(key, Map.of()), Map.of(), -1, null));
  }

  /** HeadObject: the answer when the object exists, empty on a 404. */
  Optional<Response> head(String key) {
    return found(send(SdkHttpMethod.HEAD, objectUri(key, Map.of()), Map.of(), -1, null));
  }

  /**
   * One ListObjectsV2 page of at most {@code max} keys under {@code prefix}, after {@code startAfter} or after a
   * continuation. The continuation handed back is the page's last key, sent as {@code start-after} (S3 allows any
   * key there), never the store's own token: S3Proxy returns its token URL-encoded, which as-is lists again from
   * before the page. A truncated page without keys hands back the position it was asked from.
   */
  RangeListing.Page list(String prefix, String startAfter, String continuation, int max) {
    String after = continuation != null ? continuation : startAfter;
    Map<String, String> query = new LinkedHashMap<>();
    query.put("list-type", "2");
    query.put("encoding-type", "url");
    query.put("max-keys", Integer.toString(max));
    query.put("prefix", prefix);
    if (after != null && !after.isEmpty()) {
      query.put("start-after", after);
    }
    Response r = send(SdkHttpMethod.GET, uri(bucketUrl, query), Map.of(), -1, null);
    if (!r.ok()) {
      throw r.exception();
    }
    RangeListing.Page page = S3ListingXml.page(r.body());
    if (page.continuation() == null) {
      return page;
    }
    List<RemoteObject> objects = page.objects();
    return new RangeListing.Page(objects, objects.isEmpty() ? (after == null ? "" : after) : objects.get(objects.size() - 1).key());
  }

  private static Optional<Response> found(Response r) {
    if (r.ok()) {
      return Optional.of(r);
    }
    if (r.status() == 404 && !"NoSuchBucket".equals(r.code())) {
      return Optional.empty();
    }
    throw r.exception();
  }

  private URI objectUri(String key, Map<String, String> query) {
    return uri(objects + SdkHttpUtils.urlEncodeIgnoreSlashes(key), query);
  }

  private static URI uri(String base, Map<String, String> query) {
    StringBuilder b = new StringBuilder(base);
    char sep = '?';
    for (Map.Entry<String, String> q : query.entrySet()) {
      b.append(sep).append(SdkHttpUtils.urlEncode(q.getKey())).append('=').append(SdkHttpUtils.urlEncode(q.getValue()));
      sep = '&';
    }
    return URI.create(b.toString());
  }

  /** Sends one request, retried as the SDK's standard mode retries; any other answer is returned. */
  private Response send(SdkHttpMethod method, URI uri, Map<String, String> headers, long size, ContentStreamProvider body) {
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).uri(uri).putHeader("User-Agent", "registrish");
    if (size >= 0) {
      request.putHeader("Content-Length", Long.toString(size));
    }
    headers.forEach(request::putHeader);
    SdkHttpFullRequest unsigned = request.build();
    for (int attempt = 1; ; attempt++) {
      RuntimeException failure;
      boolean throttled = false;
      try {
        Response r = attempt(unsigned, body);
        String code = r.ok() || r.status() == 404 ? null : r.code();
        throttled = r.status() == 429 || code != null && (code.contains("SlowDown") || code.startsWith("Throttl"));
        if (r.ok() || !throttled && !correctsClock(r) && r.status() < 500) {
          return r;
        }
        failure = r.exception();
      } catch (IOException e) {
        failure = SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage()).cause(e).build();
      }
      if (attempt == ATTEMPTS) {
        throw failure;
      }
      backoff(attempt, throttled);
    }
  }

  private Response attempt(SdkHttpFullRequest unsigned, ContentStreamProvider body) throws IOException {
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
    byte[] bytes = new byte[0];
    Optional<? extends InputStream> in = response.responseBody();
    if (in.isPresent()) {
      try (InputStream stream = in.get()) {
        bytes = stream.readAllBytes(); // read to the end: the connection is reused
      }
    }
    return new Response(response.httpResponse().statusCode(), response.httpResponse(), bytes);
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Whether the store refused a request for a clock far from this machine's: the next signature then uses the
   * store's time, from the {@code ServerTime} of its RequestTimeTooSkewed error, else its {@code Date}.
   */
  private boolean correctsClock(Response r) {
    if (r.status() != 403 && r.status() != 400) {
      return false;
    }
    Instant time;
    try {
      String serverTime = first(SERVER_TIME, new String(r.body(), StandardCharsets.UTF_8));
      time = serverTime != null ? Instant.parse(serverTime) : S3SmallObjects.httpDate(r.header("Date").orElse(null));
    } catch (DateTimeParseException e) {
      return false;
    }
    if (time == null) {
      return false;
    }
    Duration off = Duration.between(Instant.now(), time);
    if (off.abs().compareTo(MAX_SKEW) <= 0) {
      return false;
    }
    skew = off;
    return true;
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
}
