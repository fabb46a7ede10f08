package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.RecordingServer.Reply;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Blob redirects (to a CDN or a presigned URL) are followed by the client itself, and the registry's
 * Authorization header goes only to the registry's own origin.
 */
class RedirectTest {
  private static final byte[] BLOB = "layer bytes behind a redirect".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(BLOB);
  private static final String USER = "mirror";
  private static final String PASSWORD = "redirect-test-password";
  private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
      .getBytes(StandardCharsets.UTF_8));

  /** A registry that wants Basic auth and answers blob GETs with 307 to {@code location}, serving {@code /storage/} itself. */
  private static RecordingServer registry(AtomicReference<String> location) throws Exception {
    return new RecordingServer(r -> {
      if (r.path().startsWith("/storage/")) {
        return Reply.of(200, BLOB);
      }
      if (!BASIC.equals(r.header("Authorization"))) {
        return Reply.of(401, "", "WWW-Authenticate", "Basic realm=\"registry\"");
      }
      return Reply.of(307, "", "Location", location.get());
    });
  }

  private static byte[] read(RecordingServer registry) throws Exception {
    UpstreamClient client = UpstreamClient.builder().credentials(ExplicitCredentials.of(registry.host(), USER, PASSWORD)).build();
    try (InputStream in = client.blob(UpstreamReference.parse(registry.host() + "/app"), DIGEST, BLOB.length)) {
      return in.readAllBytes();
    }
  }

  @Test
  void blob_redirectToAnotherOrigin_noAuthorizationSentThere() throws Exception {
    AtomicReference<String> location = new AtomicReference<>();
    try (RecordingServer cdn = new RecordingServer(r -> Reply.of(200, BLOB));
        RecordingServer registry = registry(location)) {
      location.set(cdn.origin() + "/bucket/blob?X-Amz-Signature=presigned");

      assertArrayEquals(BLOB, read(registry));

      assertEquals(BASIC, registry.requests().get(1).header("Authorization"));
      assertEquals(1, cdn.requests().size());
      assertEquals("X-Amz-Signature=presigned", cdn.requests().get(0).query());
      assertNull(cdn.requests().get(0).header("Authorization"), cdn.requests().toString());
    }
  }

  @Test
  void blob_redirectWithinTheOrigin_authorizationKept() throws Exception {
    AtomicReference<String> location = new AtomicReference<>("/storage/blob");
    try (RecordingServer registry = registry(location)) {

      assertArrayEquals(BLOB, read(registry));

      List<RecordingServer.Request> requests = registry.requests();
      assertEquals("/storage/blob", requests.get(2).path());
      assertEquals(BASIC, requests.get(2).header("Authorization"));
      assertTrue(requests.get(1).path().endsWith("/blobs/" + DIGEST));
    }
  }
}
