package dev.registrish.store;

import java.time.Duration;
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

/** The one place where a profile's provider quirks are applied to the SDK client. */
public final class S3Clients {
  private S3Clients() {}

  /** The SDK's client and the HTTP client under it, which {@link S3Puts} also sends on; closing closes both. */
  public record Clients(S3Client s3, SdkHttpClient http) implements AutoCloseable {
    @Override
    public void close() {
      s3.close();
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
    SdkHttpClient http = ApacheHttpClient.builder()
        .maxConnections(Math.max(connections, 1) + 4)
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(p.socketTimeoutSeconds))
        .tcpKeepAlive(true)
        .socketFactory(new LazyTlsSocketFactory())
        .expectContinueEnabled(false)
        .build();
    S3ClientBuilder b = S3Client.builder()
        .credentialsProvider(CredentialSource.provider(endpoint.credentials()))
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
    return new Clients(b.build(), http);
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
