package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.RecordingServer.Reply;
import dev.registrish.tree.RepositoryTree;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests from upstream: exact bytes, digests checked, schema1 and oversized documents refused. */
@EndToEnd
class ManifestTest {
  @TempDir
  Path work;

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = ManifestTest.class.getResourceAsStream("/manifests/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void manifest_indexAndChild_exactBytesAsPushed() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 21);
      RepositoryTree dock = Images.dockerList(work, "dock", "v1", 22);
      registry.push(app, "v1", "app");
      registry.push(dock, "v1", "dock");
      UpstreamClient client = UpstreamClient.builder().build();

      RawManifest index = app.tags().get("v1").manifest();
      Resolution r = client.resolve(UpstreamReference.parse(registry.host() + "/app:v1"));
      RawManifest got = client.manifest(r.pinned());
      assertArrayEquals(index.bytes(), got.bytes());
      Digest child = Digest.parse(index.children().get(1).digest);
      assertArrayEquals(app.manifest(child).manifest().bytes(),
          client.manifest(UpstreamReference.parse(registry.host() + "/app@" + child)).bytes());

      RawManifest list = dock.tags().get("v1").manifest();
      Resolution d = client.resolve(UpstreamReference.parse(registry.host() + "/dock:v1"));
      assertEquals(MediaType.DOCKER_LIST, d.mediaType());
      assertArrayEquals(list.bytes(), client.manifest(d.pinned()).bytes());
      assertEquals(3, client.counts().get(RequestKind.MANIFEST_GET));
    }
  }

  @Test
  void manifest_tamperedUpstream_digestMismatch() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 23);
      registry.push(app, "v1", "app");
      Digest digest = app.tags().get("v1").manifest().digest();
      Path stored = registry.blobData(digest);
      Files.writeString(stored, Files.readString(stored).replace("amd64", "amd65"));
      UpstreamClient client = UpstreamClient.builder().build();

      for (String ref : new String[] {"/app:v1", "/app@" + digest}) {
        UpstreamException e = assertThrows(UpstreamException.class, () -> client.manifest(UpstreamReference.parse(registry.host() + ref)));
        assertEquals(UpstreamException.Reason.DIGEST_MISMATCH, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(registry.host() + ref + ": digest-mismatch: the manifest's bytes hash to "), e.getMessage());
      }
    }
  }

  @Test
  void manifest_missingTag_tagNotFound() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      registry.push(Images.index(work, "app", "v1", 24), "v1", "app");
      UpstreamClient client = UpstreamClient.builder().build();
      UpstreamReference ref = UpstreamReference.parse(registry.host() + "/app:nope");

      UpstreamException head = assertThrows(UpstreamException.class, () -> client.resolve(ref));
      UpstreamException get = assertThrows(UpstreamException.class, () -> client.manifest(ref));

      assertEquals(UpstreamException.Reason.TAG_NOT_FOUND, head.reason());
      assertEquals(UpstreamException.Reason.TAG_NOT_FOUND, get.reason());
      assertTrue(get.getMessage().startsWith(registry.host() + "/app:nope: tag-not-found: "), get.getMessage());
      assertTrue(get.getMessage().contains("MANIFEST_UNKNOWN"), get.getMessage());
    }
  }

  @Test
  void referrers_registryWithoutTheApi_notSupported() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 25);
      registry.push(app, "v1", "app");
      UpstreamClient client = UpstreamClient.builder().build();

      assertTrue(client.referrers(UpstreamReference.parse(registry.host() + "/app"), app.tags().get("v1").manifest().digest())
          .isEmpty());
      assertEquals(1, client.counts().get(RequestKind.REFERRERS));
    }
  }

  @Test
  void referrers_registryWithTheApi_indexBytes() throws Exception {
    byte[] index = fixture("oci-index.json");
    Digest subject = Digest.sha256(new byte[] {7});
    try (RecordingServer server = new RecordingServer(r -> r.path().equals("/v2/app/referrers/" + subject)
        ? Reply.of(200, index, "Content-Type", MediaType.OCI_INDEX) : Reply.of(404, ""))) {
      UpstreamClient client = UpstreamClient.builder().build();

      RawManifest referrers = client.referrers(UpstreamReference.parse(server.host() + "/app"), subject).orElseThrow();

      assertArrayEquals(index, referrers.bytes());
      assertEquals(MediaType.OCI_INDEX, server.requests().get(0).header("Accept"));
    }
  }

  @Test
  void resolve_noDigestOnHead_resolvedByOneGet() throws Exception {
    byte[] index = fixture("oci-index.json");
    try (RecordingServer server = new RecordingServer(r -> Reply.of(200, index, "Content-Type", MediaType.OCI_INDEX))) {
      UpstreamClient client = UpstreamClient.builder().build();

      Resolution r = client.resolve(UpstreamReference.parse(server.host() + "/app:v1"));

      assertTrue(r.byGet());
      assertEquals(Digest.sha256(index), r.digest());
      assertEquals(MediaType.OCI_INDEX, r.mediaType());
      assertEquals(1, client.counts().get(RequestKind.MANIFEST_HEAD));
      assertEquals(1, client.counts().get(RequestKind.MANIFEST_GET));
      assertTrue(server.requests().get(0).header("Accept").startsWith(MediaType.OCI_INDEX + ", " + MediaType.OCI_MANIFEST));
    }
  }

  @Test
  void manifest_schema1_unsupportedMediaType() throws Exception {
    byte[] schema1 = fixture("schema1-signed.json");
    try (RecordingServer server = new RecordingServer(r -> Reply.of(200, schema1, "Content-Type", MediaType.SCHEMA1_SIGNED,
        "Docker-Content-Digest", Digest.sha256(schema1).toString()))) {
      UpstreamClient client = UpstreamClient.builder().build();
      UpstreamReference ref = UpstreamReference.parse(server.host() + "/old:v1");

      for (var e : new UpstreamException[] {
          assertThrows(UpstreamException.class, () -> client.resolve(ref)),
          assertThrows(UpstreamException.class, () -> client.manifest(ref))}) {
        assertEquals(UpstreamException.Reason.UNSUPPORTED_MEDIA_TYPE, e.reason());
        assertTrue(e.getMessage().startsWith(server.host() + "/old:v1: unsupported-media-type: Docker schema1"), e.getMessage());
      }
    }
  }

  @Test
  void manifest_over4MiB_refused() throws Exception {
    byte[] big = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[],\"annotations\":{\"a\":\""
        + "x".repeat(5 << 20) + "\"}}").getBytes(StandardCharsets.UTF_8);
    try (RecordingServer server = new RecordingServer(r -> Reply.of(200, big, "Content-Type", MediaType.OCI_INDEX))) {
      UpstreamClient client = UpstreamClient.builder().build();

      UpstreamException e = assertThrows(UpstreamException.class,
          () -> client.manifest(UpstreamReference.parse(server.host() + "/big:v1")));

      assertEquals(UpstreamException.Reason.MANIFEST_TOO_LARGE, e.reason());
    }
  }
}
