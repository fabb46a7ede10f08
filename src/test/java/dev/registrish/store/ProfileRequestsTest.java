package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.registrish.testing.Hosts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each profile's client really sends, recorded by a loopback HTTP server: addressing,
 * checksum headers, chunked encoding and the ACL. (The AWS profile's defaults cannot be accepted by
 * S3Proxy, so its settings are checked on the wire here.)
 */
class ProfileRequestsTest {
  record Recorded(String method, String path, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }

    boolean hasChecksum() {
      return headers.keySet().stream().map(String::toLowerCase)
          .anyMatch(h -> h.startsWith("x-amz-checksum-") || h.equals("x-amz-trailer") || h.equals("x-amz-sdk-checksum-algorithm"));
    }
  }

  HttpServer server;
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders())));
      exchange.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // profile, virtual host, checksum headers, ACL header
      "s3, true, true, ",
      "r2, false, false, ",
      "scaleway, false, false, public-read",
      "local, false, false, public-read",
  })
  void put_sendsWhatTheProfileSays(String name, boolean virtualHost, boolean checksums, String acl) throws Exception {
    Hosts.ensure("e2e.localhost");
    Profile profile = Profiles.load(name, Map.of("CLOUDFLARE_ACCOUNT_ID", "x", "R2_PUBLIC_URL", "https://x"));
    Endpoint endpoint = new Endpoint(profile, URI.create("http://localhost:" + server.getAddress().getPort()), "us-east-1",
        "e2e", profile.template().acl, new Credentials.KeyPair("AKID", "secret"));
    try (ObjectStore store = new S3ObjectStore(S3Clients.create(endpoint, 2), endpoint, 1)) {
      store.put(new Upload("v2/app/manifests/v1", null, "{}".getBytes(), null, 2, "application/json", "public, max-age=60", Map.of()));
    }
    Recorded put = requests.get(requests.size() - 1);
    assertEquals("PUT", put.method());
    if (virtualHost) {
      assertTrue(put.header("Host").startsWith("e2e.localhost:"), put.header("Host"));
      assertEquals("/v2/app/manifests/v1", put.path());
    } else {
      assertEquals("/e2e/v2/app/manifests/v1", put.path());
    }
    assertEquals(checksums, put.hasChecksum(), put.headers().toString());
    assertEquals(acl, put.header("x-amz-acl"));
    assertEquals("application/json", put.header("Content-Type"));
    assertEquals("public, max-age=60", put.header("Cache-Control"));
    String encoding = put.header("Content-Encoding");
    assertFalse(!name.equals("s3") && encoding != null && encoding.contains("aws-chunked"), "no chunked encoding: " + encoding);
  }
}
