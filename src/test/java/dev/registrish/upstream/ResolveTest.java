package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.TokenServer;
import dev.registrish.tree.RepositoryTree;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving tags by HEAD against the reference registry: anonymous, Basic auth and token auth. */
@EndToEnd
class ResolveTest {
  @TempDir
  Path work;

  @Test
  void resolve_anonymous_indexAnsweredAsIndexByOneHead() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 1);
      registry.push(app, "v1", "team/app");
      RawManifest index = app.tags().get("v1").manifest();
      UpstreamClient client = UpstreamClient.builder().build();

      Resolution r = client.resolve(UpstreamReference.parse(registry.host() + "/team/app:v1"));

      assertEquals(index.digest(), r.digest());
      assertEquals(MediaType.OCI_INDEX, r.mediaType());
      assertEquals(index.bytes().length, r.size());
      assertFalse(r.byGet());
      assertEquals(1, client.counts().get(RequestKind.MANIFEST_HEAD));
      assertEquals(0, client.counts().get(RequestKind.MANIFEST_GET));
      assertEquals(1, registry.count("HEAD", "/v2/team/app/manifests/v1"));
    }
  }

  @Test
  void resolve_basicAuth_challengedOnceThenSendsCredentials() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.basic(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 2);
      registry.push(app, "v1", "app");
      UpstreamClient client = UpstreamClient.builder()
          .credentials(ExplicitCredentials.of(registry.host(), DistributionRegistry.USER, DistributionRegistry.PASSWORD)).build();
      UpstreamReference ref = UpstreamReference.parse(registry.host() + "/app:v1");

      for (int i = 0; i < 3; i++) {
        assertEquals(app.tags().get("v1").manifest().digest(), client.resolve(ref).digest());
      }

      assertEquals(4, client.counts().get(RequestKind.MANIFEST_HEAD), "one 401, then three with credentials");
      assertEquals(List.of(401, 200, 200, 200), registry.accesses().stream()
          .filter(a -> a.path().equals("/v2/app/manifests/v1") && a.method().equals("HEAD")).map(a -> a.status()).toList());
    }
  }

  @Test
  void resolve_tokenAuth_oneTokenForManyResolves() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.token(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 3);
      registry.push(app, "v1", "app");
      int pushTokens = registry.tokenServer().requests().size();
      UpstreamClient client = UpstreamClient.builder().build();
      UpstreamReference ref = UpstreamReference.parse(registry.host() + "/app:v1");

      for (int i = 0; i < 5; i++) {
        assertEquals(app.tags().get("v1").manifest().digest(), client.resolve(ref).digest());
      }

      List<TokenServer.Request> asked = registry.tokenServer().requests().subList(pushTokens, registry.tokenServer().requests().size());
      assertEquals(List.of(new TokenServer.Request("GET", List.of("repository:app:pull"), false)), asked);
      assertEquals(1, client.counts().get(RequestKind.TOKEN));
      assertEquals(6, client.counts().get(RequestKind.MANIFEST_HEAD), "one 401, then five with the token");
    }
  }

  @Test
  void resolve_tokenRefusedMidRun_reauthenticatesOnce() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.token(work)) {
      RepositoryTree app = Images.index(work, "app", "v1", 4);
      registry.push(app, "v1", "app");
      UpstreamClient client = UpstreamClient.builder()
          .credentials(ExplicitCredentials.of(registry.host(), DistributionRegistry.USER, DistributionRegistry.PASSWORD)).build();
      UpstreamReference ref = UpstreamReference.parse(registry.host() + "/app:v1");
      client.resolve(ref);
      assertEquals(1, client.counts().get(RequestKind.TOKEN));

      registry.tokenServer().rotateKey();
      registry.restart();
      Resolution r = client.resolve(ref);

      assertEquals(app.tags().get("v1").manifest().digest(), r.digest());
      assertEquals(2, client.counts().get(RequestKind.TOKEN), "the refused token was replaced once");
      assertEquals(List.of(401, 200, 401, 200), registry.accesses().stream()
          .filter(a -> a.path().equals("/v2/app/manifests/v1") && a.method().equals("HEAD")).map(a -> a.status()).toList());
    }
  }
}
