package dev.registrish.store;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;

/** The one place where a profile's provider quirks are applied to the SDK client. */
public final class S3Clients {
  private S3Clients() {}

  /**
   * The HTTP client, the {@link S3Requests} sent on it, and the SDK's client on the same HTTP client, built on
   * first use (a no-op run never needs it); closing closes them.
   */
  public static final class Clients implements AutoCloseable {
    private final SdkHttpClient http;
    private final S3Requests requests;
    private final S3ClientBuilder builder;
    private S3Client s3;

    private Clients(SdkHttpClient http, S3Requests requests, S3ClientBuilder builder) {
      this.http = http;
      this.requests = requests;
      this.builder = builder;
    }

    /** The SDK's client, built on first use. */
    public synchronized S3Client s3() {
      if (s3 == null) {
        s3 = builder.build();
      }
      return s3;
    }

    S3Requests requests() {
      return requests;
    }

    @Override
    public synchronized void close() {
      if (s3 != null) {
        s3.close();
      }
      http.close();
    }
  }

  /** Builds the clients for an endpoint with up to {@code connections} connections kept warm. */
  public static Clients create(Endpoint endpoint, int connections) throws ProfileException {
    ProfileTemplate p = endpoint.profile().template();
    if (p.socketTimeoutSeconds < 1) {
      throw new ProfileException("profile '" + endpoint.profile().name() + "': socketTimeoutSeconds must be at least 1, not "
          + p.socketTimeoutSeconds);
    }
    if (!"WHEN_REQUIRED".equals(p.checksums) && !"WHEN_SUPPORTED".equals(p.checksums)) {
      throw new ProfileException("profile '" + endpoint.profile().name() + "': checksums must be WHEN_SUPPORTED or WHEN_REQUIRED, not " + p.checksums);
    }
    Region region = region(endpoint);
    String objects = objectsUrl(endpoint, region, p.pathStyle); // checks the endpoint before anything is built on it
    SdkHttpClient http = ApacheHttpClient.builder()
        .maxConnections(Math.max(connections, 1) + 4)
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(p.socketTimeoutSeconds))
        .tcpKeepAlive(true)
        .socketFactory(new LazyTlsSocketFactory())
        .expectContinueEnabled(false)
        .build();
    AwsCredentialsProvider credentials = CredentialSource.provider(endpoint.credentials());
    S3ClientBuilder b = S3Client.builder()
        .credentialsProvider(credentials)
        .region(region)
        .forcePathStyle(p.pathStyle)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(p.chunkedEncoding).build())
        .httpClient(http)
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
    if ("WHEN_REQUIRED".equals(p.checksums)) {
      b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    if (endpoint.uri() != null) {
      b.endpointOverride(endpoint.uri());
    }
    String bucketUrl = objects.endsWith("/" + endpoint.bucket() + "/") ? objects.substring(0, objects.length() - 1) : objects;
    return new Clients(http, new S3Requests(http, credentials, region.id(), objects, bucketUrl), b);
  }

  /**
   * The URL an object's encoded key follows: {@code ENDPOINT/BUCKET/} (path style) or {@code SCHEME://BUCKET.HOST/}
   * with an endpoint; without one, the SDK's own AWS endpoint for the region.
   */
  static String objectsUrl(Endpoint endpoint, Region region, boolean pathStyle) {
    URI uri = endpoint.uri();
    if (uri == null) {
      String url = S3Utilities.builder().region(region)
          .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build()).build()
          .getUrl(u -> u.bucket(endpoint.bucket()).key("k")).toString();
      return url.substring(0, url.length() - 1);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("an endpoint is an http or https URL with a host, such as https://s3.example.com "
          + "or http://127.0.0.1:9000");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    path = path.endsWith("/") ? path : path + "/";
    String authority = pathStyle ? uri.getRawAuthority() : endpoint.bucket() + "." + uri.getRawAuthority();
    return uri.getScheme() + "://" + authority + path + (pathStyle ? endpoint.bucket() + "/" : "");
  }

  private static Region region(Endpoint endpoint) throws ProfileException {
    if (endpoint.region() != null) {
      return Region.of(endpoint.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      throw new ProfileException("profile '" + endpoint.profile().name()
          + "' takes its region from the environment: set AWS_REGION (or a region in ~/.aws/config)");
    }
  }
}
