package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Processes;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.RecordingServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when upstream fails: one line naming the reference, and a stable reason. */
@EndToEnd
class ErrorsTest {
  private static final byte[] INDEX = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[]}")
      .getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path work;

  private static UpstreamClient quickRetries() {
    return UpstreamClient.builder().attempts(3, Duration.ofMillis(10)).build();
  }

  private static Reply index() {
    return Reply.of(200, INDEX, "Content-Type", MediaType.OCI_INDEX, "Docker-Content-Digest", Digest.sha256(INDEX).toString(),
        "RateLimit-Limit", "100;w=21600", "RateLimit-Remaining", "76;w=21600");
  }

  @Test
  void resolve_nothingListening_upstreamDownAfterRetries() throws Exception {
    int port = Processes.freePort();
    UpstreamClient client = quickRetries();

    UpstreamException e = assertThrows(UpstreamException.class,
        () -> client.resolve(UpstreamReference.parse("127.0.0.1:" + port + "/app:v1")));

    assertEquals(UpstreamException.Reason.UPSTREAM_DOWN, e.reason());
    assertEquals("127.0.0.1:" + port + "/app:v1: upstream-down: HEAD http://127.0.0.1:" + port + "/v2/app/manifests/v1 failed:"
        + " ConnectException after 3 attempts", e.getMessage());
    assertEquals(3, client.counts().get(RequestKind.MANIFEST_HEAD));
  }

  @Test
  void resolve_serverErrorsThenOk_retried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingServer server = new RecordingServer(r -> calls.incrementAndGet() <= 2 ? Reply.of(503, "") : index())) {
      UpstreamClient client = quickRetries();

      Resolution r = client.resolve(UpstreamReference.parse(server.host() + "/app:v1"));

      assertEquals(Digest.sha256(INDEX), r.digest());
      assertEquals(new RateLimit(100, 76, Duration.ofSeconds(21600)), r.rateLimit().orElseThrow());
      assertEquals(3, client.counts().get(RequestKind.MANIFEST_HEAD));
    }
  }

  @Test
  void resolve_noCredentials_unauthorized() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.basic(work)) {
      UpstreamException e = assertThrows(UpstreamException.class,
          () -> quickRetries().resolve(UpstreamReference.parse(registry.host() + "/app:v1")));

      assertEquals(UpstreamException.Reason.UNAUTHORIZED, e.reason());
      assertEquals(registry.host() + "/app:v1: unauthorized: the registry needs credentials and none were found for "
          + registry.host() + " (HTTP 401)", e.getMessage());
    }
  }

  @Test
  void resolve_tokenServiceRefusesPassword_unauthorized() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.token(work)) {
      UpstreamClient client = UpstreamClient.builder()
          .credentials(ExplicitCredentials.of(registry.host(), DistributionRegistry.USER, "not-the-password")).build();

      UpstreamException e = assertThrows(UpstreamException.class,
          () -> client.resolve(UpstreamReference.parse(registry.host() + "/app:v1")));

      assertEquals(UpstreamException.Reason.UNAUTHORIZED, e.reason());
      assertTrue(e.getMessage().startsWith(registry.host() + "/app:v1: unauthorized: the token service http://127.0.0.1:"),
          e.getMessage());
      assertTrue(e.getMessage().contains("refused the credentials (HTTP 401)"), e.getMessage());
    }
  }

  @Test
  void resolve_tokenRealmOverPlainHttpElsewhere_refusedBeforeConnecting() throws Exception {
    try (RecordingServer server = new RecordingServer(r -> Reply.of(401, "", "WWW-Authenticate",
        "Bearer realm=\"http://auth.example.com/token\",service=\"registry\",scope=\"repository:app:pull\""))) {
      UpstreamClient client = UpstreamClient.builder()
          .credentials(ExplicitCredentials.of(server.host(), "user", "password")).build();

      UpstreamException e = assertThrows(UpstreamException.class,
          () -> client.resolve(UpstreamReference.parse(server.host() + "/app:v1")));

      assertEquals(UpstreamException.Reason.INSECURE, e.reason());
      assertTrue(e.getMessage().startsWith(server.host() + "/app:v1: insecure: refusing plain HTTP to auth.example.com"),
          e.getMessage());
      assertEquals(0, client.counts().get(RequestKind.TOKEN));
    }
  }

  @Test
  void blob_redirectToPlainHttpElsewhere_refusedBeforeConnecting() throws Exception {
    try (RecordingServer server = new RecordingServer(r -> Reply.of(307, "", "Location", "http://cdn.example.com/blob"))) {
      UpstreamClient client = UpstreamClient.builder().build();

      UpstreamException e = assertThrows(UpstreamException.class,
          () -> client.blob(UpstreamReference.parse(server.host() + "/app"), Digest.sha256(INDEX), INDEX.length));

      assertEquals(UpstreamException.Reason.INSECURE, e.reason());
      assertEquals(1, client.counts().get(RequestKind.BLOB_GET));
    }
  }

  @Test
  void resolve_tooManyRequestsForAnHour_rateLimited() throws Exception {
    try (RecordingServer server = new RecordingServer(r -> Reply.of(429, "", "Retry-After", "3600",
        "RateLimit-Limit", "100;w=21600", "RateLimit-Remaining", "0;w=21600"))) {
      UpstreamClient client = quickRetries();

      UpstreamException e = assertThrows(UpstreamException.class,
          () -> client.resolve(UpstreamReference.parse(server.host() + "/app:v1")));

      assertEquals(UpstreamException.Reason.RATE_LIMITED, e.reason());
      assertEquals(server.host() + "/app:v1: rate-limited: the registry answered HTTP 429, retry after 3600 s"
          + " (limit 100 per 21600 s, 0 left)", e.getMessage());
      assertEquals(1, client.counts().get(RequestKind.MANIFEST_HEAD));
    }
  }

  @Test
  void resolve_tooManyRequestsForASecond_waitedOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RecordingServer server = new RecordingServer(r -> calls.incrementAndGet() == 1
        ? Reply.of(429, "", "Retry-After", "1") : index())) {
      UpstreamClient client = quickRetries();

      assertEquals(Digest.sha256(INDEX), client.resolve(UpstreamReference.parse(server.host() + "/app:v1")).digest());
      assertEquals(2, client.counts().get(RequestKind.MANIFEST_HEAD));
    }
  }
}
