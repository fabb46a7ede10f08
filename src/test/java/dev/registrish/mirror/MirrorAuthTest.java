package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.cli.ExitCodes;
import dev.registrish.oci.Digest;
import dev.registrish.store.ObjectStore;
import dev.registrish.testing.ChildJvm;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.TokenServer;
import dev.registrish.tree.RepositoryTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registrish mirror} from registries that want credentials, run as a user runs it (a child JVM with its own
 * environment): Basic auth with the password in variables a mirror file's {@code registries:} block names, and the
 * token flow with Docker's {@code config.json} or containers' {@code auth.json}; no secret in any output.
 */
@EndToEnd
class MirrorAuthTest {
  @TempDir
  Path work;

  ChildJvm mirror(Path file, S3ProxyFixture s3, String bucket, String name) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    return new ChildJvm(dir, List.of("-Xmx256m"), List.of("mirror", "--config", file.toString(), "--bucket", bucket,
        "--profile", "local", "--endpoint", s3.uri().toString(), "--report", dir.resolve("report.json").toString(),
        "--output", "json", "--verbose"));
  }

  static void assertNoSecret(ChildJvm child, Path dir, List<String> secrets) throws Exception {
    String report = Files.exists(dir.resolve("report.json")) ? Files.readString(dir.resolve("report.json")) : "";
    for (String secret : secrets) {
      for (String output : List.of(child.out(), child.err(), report)) {
        assertFalse(output.contains(secret), "a secret in the output:\n" + output);
      }
    }
  }

  static String basic(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mirror_basicAuthFromMirrorFileVariables_mirrorsAndPrintsNoSecret() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.basic(Files.createDirectories(work.resolve("registry")));
        S3ProxyFixture s3 = new S3ProxyFixture()) {
      RepositoryTree image = MirrorFixture.push(registry, work, "team/app", "v1", 200, "linux/amd64", "linux/arm64");
      Path file = work.resolve("mirror.yaml");
      Files.writeString(file, String.join("\n", "registries:", "  " + registry.host() + ":",
          "    username-env: UPSTREAM_USER", "    password-env: UPSTREAM_PASSWORD",
          "images:", "  - source: " + registry.host() + "/team/app", "    target: app", "    tags: [v1]", ""));
      s3.createBucket("basic");

      ChildJvm ok = mirror(file, s3, "basic", "ok").env("UPSTREAM_USER", DistributionRegistry.USER)
          .env("UPSTREAM_PASSWORD", DistributionRegistry.PASSWORD);
      assertEquals(0, ok.run(0, 300), ok.err());
      ChildJvm refused = mirror(file, s3, "basic", "refused").env("UPSTREAM_USER", DistributionRegistry.USER)
          .env("UPSTREAM_PASSWORD", "wrong-password-7c2e");
      assertEquals(ExitCodes.FAILED, refused.run(0, 300), refused.err());

      assertTrue(ok.out().contains("\"status\" : \"new\""), ok.out());
      assertTrue(refused.err().contains("unauthorized: the registry refused the credentials for " + registry.host()),
          refused.err());
      try (ObjectStore store = s3.objectStore("basic")) {
        assertEquals(MirrorFixture.digest(image, "v1"), store.get("v2/app/manifests/v1").map(Digest::sha256).orElse(null));
      }
      assertNoSecret(ok, work.resolve("ok"), List.of(DistributionRegistry.PASSWORD,
          basic(DistributionRegistry.USER, DistributionRegistry.PASSWORD)));
      assertNoSecret(refused, work.resolve("refused"), List.of("wrong-password-7c2e",
          basic(DistributionRegistry.USER, "wrong-password-7c2e")));
    }
  }

  @Test
  void mirror_tokenAuthFromDockerConfigOrAuthFile_mirrorsAndPrintsNoSecret() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.token(Files.createDirectories(work.resolve("registry")));
        S3ProxyFixture s3 = new S3ProxyFixture()) {
      MirrorFixture.push(registry, work, "team/app", "v1", 201, "linux/amd64");
      Path file = work.resolve("mirror.yaml");
      Files.writeString(file, String.join("\n", "images:", "  - source: " + registry.host() + "/team/app",
          "    target: app", "    tags: [v1]", ""));
      String auth = basic(DistributionRegistry.USER, DistributionRegistry.PASSWORD);
      Path docker = Files.createDirectories(work.resolve("docker"));
      Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
      Path authFile = work.resolve("auth.json");
      Files.copy(docker.resolve("config.json"), authFile);
      s3.createBucket("docker");
      s3.createBucket("containers");
      int before = registry.tokenServer().requests().size();

      ChildJvm fromDocker = mirror(file, s3, "docker", "docker").env("DOCKER_CONFIG", docker.toString())
          .env("REGISTRY_AUTH_FILE", work.resolve("none.json").toString());
      assertEquals(0, fromDocker.run(0, 300), fromDocker.err());
      List<TokenServer.Request> byDocker = registry.tokenServer().requests().subList(before, registry.tokenServer()
          .requests().size());
      ChildJvm fromAuthFile = mirror(file, s3, "containers", "containers").env("REGISTRY_AUTH_FILE", authFile.toString())
          .env("DOCKER_CONFIG", work.resolve("no-docker").toString());
      assertEquals(0, fromAuthFile.run(0, 300), fromAuthFile.err());

      assertTrue(!byDocker.isEmpty() && byDocker.stream().allMatch(TokenServer.Request::withCredentials),
          "every token asked for with the credentials: " + byDocker);
      assertTrue(registry.tokenServer().requests().stream().skip(before).allMatch(TokenServer.Request::withCredentials));
      assertTrue(s3.keys("docker").contains("v2/app/manifests/v1"));
      assertTrue(s3.keys("containers").contains("v2/app/manifests/v1"));
      for (String name : List.of("docker", "containers")) {
        ChildJvm child = name.equals("docker") ? fromDocker : fromAuthFile;
        assertNoSecret(child, work.resolve(name), List.of(DistributionRegistry.PASSWORD, auth, "eyJ", "Bearer "));
      }
    }
  }
}
