package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;

class S3ClientsTest {
  @ParameterizedTest(name = "{0} path style {1}")
  @CsvSource({
      "http://127.0.0.1:9000, true",
      "http://127.0.0.1:9000/, true",
      "https://acct.r2.cloudflarestorage.com, true",
      "https://s3.fr-par.scw.cloud, true",
      "http://localhost:9000, false",
      "https://storage.example.com/s3, true",
  })
  void objectsUrl_sameAsTheSdks(String endpoint, boolean pathStyle) throws Exception {
    Endpoint at = new Endpoint(Profiles.load("local", Map.of()), URI.create(endpoint), "us-east-1", "demo-bucket", "none",
        Credentials.anonymous());
    String key = "v2/team/app/blobs/sha256:abc";
    String sdk = S3Utilities.builder().region(Region.US_EAST_1).endpoint(URI.create(endpoint))
        .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build()).build()
        .getUrl(b -> b.bucket("demo-bucket").key(key)).toString();
    assertEquals(sdk, S3Clients.objectsUrl(at, Region.US_EAST_1, pathStyle) + "v2/team/app/blobs/sha256%3Aabc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:9000", "ftp://h:1", "file:///tmp/bucket"})
  void objectsUrl_notAnHttpUrlWithAHost_refusedSayingWhatAnEndpointIs(String endpoint) throws Exception {
    Endpoint at = new Endpoint(Profiles.load("local", Map.of()), URI.create(endpoint), "us-east-1", "demo", "none",
        Credentials.anonymous());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> S3Clients.objectsUrl(at, Region.US_EAST_1, true));
    assertTrue(e.getMessage().startsWith("an endpoint is an http or https URL with a host"), e.getMessage());
  }
}
