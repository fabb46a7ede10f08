package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointTest {
  static Endpoint at(String uri) {
    return new Endpoint(null, uri == null ? null : URI.create(uri), "us-east-1", "b", "none", null);
  }

  @Test
  void isLocal_loopbackAndLocalhostNamesOnly() {
    Map<String, Boolean> table = Map.of(
        "http://127.0.0.1:9000", true,
        "http://localhost:9000", true,
        "http://e2e.localhost:8080", true,
        "http://[::1]:9000", true,
        "https://s3.us-east-1.amazonaws.com", false,
        "https://abc.r2.cloudflarestorage.com", false,
        "http://10.0.0.5:9000", false);
    table.forEach((uri, local) -> assertEquals(local, at(uri).isLocal(), uri));
    assertEquals(false, at(null).isLocal(), "the SDK's default endpoint (AWS)");
  }

  @Test
  void where_neverShowsUserInfo() {
    assertEquals("http://127.0.0.1:9000/", at("http://minio:pa55w0rd@127.0.0.1:9000/").where());
    assertEquals("the AWS S3 endpoint", at(null).where());
  }
}
