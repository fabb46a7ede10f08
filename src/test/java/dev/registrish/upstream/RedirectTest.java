package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.RecordingServer.Reply;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.RepositoryTree;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob redirects (to a CDN or a presigned URL) are followed by the client itself, and the registry's
 * Authorization header goes only to the registry's own origin.
 */
@EndToEnd
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

  @Test
  void blob_registryOnS3_presignedRedirectGetsNoAuthorization(@TempDir Path work) throws Exception {
    try (S3ProxyFixture s3 = new S3ProxyFixture(); FaultProxy front = new FaultProxy(s3.proxy.getPort())) {
      List<FaultProxy.Request> ours = new CopyOnWriteArrayList<>();
      front.rule(r -> {
        if ("registrish".equals(r.headers().get("user-agent"))) {
          ours.add(r);
        }
        return null;
      });
      String bucket = s3.newBucket("upstream");
      RepositoryTree app = Images.single(work, "app", "v1", 51, 100_000);
      try (DistributionRegistry filled = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("filesystem")))) {
        filled.push(app, "v1", "app");
        try (Stream<Path> files = Files.walk(filled.storage())) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            BlobStore store = s3.blobStore();
            store.putBlob(bucket, store.blobBuilder("registry/" + filled.storage().relativize(f)).payload(Files.readAllBytes(f)).build());
          }
        }
      }
      try (DistributionRegistry registry = DistributionRegistry.basicOnS3(Files.createDirectories(work.resolve("s3")), front.uri(),
          bucket, S3ProxyFixture.IDENTITY, S3ProxyFixture.SECRET)) {
        BlobFile layer = app.blobs().values().stream().max((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
        UpstreamClient client = UpstreamClient.builder()
            .credentials(ExplicitCredentials.of(registry.host(), DistributionRegistry.USER, DistributionRegistry.PASSWORD)).build();

        try (InputStream in = client.blob(UpstreamReference.parse(registry.host() + "/app"), layer.digest(), layer.size())) {
          assertArrayEquals(Files.readAllBytes(layer.path()), in.readAllBytes());
        }

        assertEquals(List.of(401, 307), registry.accesses().stream()
            .filter(a -> a.method().equals("GET") && a.path().endsWith("/blobs/" + layer.digest())).map(a -> a.status()).toList());
        assertEquals(1, ours.size(), ours.toString());
        assertTrue(ours.get(0).target().contains("X-Amz-Signature="), ours.get(0).target());
        assertNull(ours.get(0).headers().get("authorization"), ours.get(0).headers().toString());
      }
    }
  }
}
