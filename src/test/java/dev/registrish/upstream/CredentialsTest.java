package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials where Docker, podman and skopeo keep them (config.json, auth.json, credential helpers),
 * used against the reference registry with htpasswd auth; no secret ever shows in a message.
 */
@EndToEnd
class CredentialsTest {
  private static final String WRONG = "wrong-password-must-not-leak";

  @TempDir
  Path work;

  private static String auth(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, String content) throws Exception {
    Path file = work.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  /** A {@code docker-credential-test} that answers {@code password} for {@code server} and logs what it was asked. */
  private Path helper(String server, String password) throws Exception {
    Path script = write("bin/docker-credential-test", String.join("\n", "#!/bin/sh",
        "read server",
        "echo \"$1 $server\" >> " + work.resolve("helper.log"),
        "if [ \"$server\" = \"" + server + "\" ]; then",
        "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + DistributionRegistry.USER + "\",\"Secret\":\"" + password
            + "\"}' \"$server\"",
        "else",
        "  echo 'credentials not found in native keychain'; exit 1",
        "fi", ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.getParent();
  }

  private Resolution resolve(DistributionRegistry registry, Credentials credentials) throws Exception {
    UpstreamClient client = UpstreamClient.builder().credentials(credentials).build();
    return client.resolve(UpstreamReference.parse(registry.host() + "/app:v1"));
  }

  private DistributionRegistry registryWithImage() throws Exception {
    DistributionRegistry registry = DistributionRegistry.basic(Files.createDirectories(work.resolve("registry")));
    registry.push(Images.index(work, "app", "v1", 41), "v1", "app");
    return registry;
  }

  @Test
  void find_dockerConfigAuths_pullsWithThem() throws Exception {
    try (DistributionRegistry registry = registryWithImage()) {
      write("docker/config.json", "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
          + auth(DistributionRegistry.USER, DistributionRegistry.PASSWORD) + "\"}}}");
      Credentials credentials = Credentials.defaults(Map.of("DOCKER_CONFIG", work.resolve("docker").toString()), work.resolve("home"));

      assertFalse(resolve(registry, credentials).byGet());
    }
  }

  @Test
  void find_credentialHelper_askedWithTheRegistryOnStdin() throws Exception {
    try (DistributionRegistry registry = registryWithImage()) {
      Path bin = helper(registry.host(), DistributionRegistry.PASSWORD);
      write("docker/config.json", "{\"credHelpers\":{\"" + registry.host() + "\":\"test\"}}");
      Credentials credentials = Credentials.defaults(Map.of("DOCKER_CONFIG", work.resolve("docker").toString(),
          "PATH", bin.toString()), work.resolve("home"));

      resolve(registry, credentials);

      assertEquals("get " + registry.host() + "\n", Files.readString(work.resolve("helper.log")));
    }
  }

  @Test
  void find_registryAuthFile_readBeforeDockerConfig() throws Exception {
    try (DistributionRegistry registry = registryWithImage()) {
      write("auth.json", "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
          + auth(DistributionRegistry.USER, DistributionRegistry.PASSWORD) + "\"}}}");
      write("docker/config.json", "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth("someone", WRONG) + "\"}}}");
      Credentials credentials = Credentials.defaults(Map.of("REGISTRY_AUTH_FILE", work.resolve("auth.json").toString(),
          "DOCKER_CONFIG", work.resolve("docker").toString()), work.resolve("home"));

      assertFalse(resolve(registry, credentials).byGet());
    }
  }

  @Test
  void find_identityToken_exchangedAsRefreshToken() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.token(Files.createDirectories(work.resolve("registry")))) {
      registry.push(Images.index(work, "app", "v1", 42), "v1", "app");
      write("docker/config.json", "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth("<token>", "")
          + "\",\"identitytoken\":\"" + TokenServer.REFRESH_TOKEN + "\"}}}");
      Credentials credentials = Credentials.defaults(Map.of("DOCKER_CONFIG", work.resolve("docker").toString()), work.resolve("home"));
      int before = registry.tokenServer().requests().size();

      resolve(registry, credentials);

      assertEquals(List.of(new TokenServer.Request("POST", List.of("repository:app:pull"), true)),
          registry.tokenServer().requests().subList(before, registry.tokenServer().requests().size()));
    }
  }

  @Test
  void find_dockerHubKeysAndNamespaces_matchAsDockerDoes() throws Exception {
    Path bin = helper(RegistryHosts.DOCKER_HUB_CONFIG_KEY, "hub-secret");
    write("home/.docker/config.json", "{\"credsStore\":\"test\",\"auths\":{\"ghcr.io\":{\"username\":\"a\",\"password\":\"b\"}}}");
    write("home/.config/containers/auth.json", "{\"auths\":{\"quay.io/team\":{\"auth\":\"" + auth("team", "t") + "\"},"
        + "\"quay.io\":{\"auth\":\"" + auth("any", "q") + "\"},\"registry-1.docker.io\":{\"identitytoken\":\"idt\"}}}");
    Credentials credentials = Credentials.defaults(Map.of("PATH", bin.toString()), work.resolve("home"));

    assertEquals(Credential.basic("team", "t"), credentials.find("quay.io", "team/app").orElseThrow());
    assertEquals(Credential.basic("any", "q"), credentials.find("quay.io", "other/app").orElseThrow());
    assertEquals(Credential.identityToken("idt"), credentials.find("docker.io", "library/alpine").orElseThrow());
    assertTrue(Files.notExists(work.resolve("helper.log")), "auth.json answered first");

    Files.delete(work.resolve("home/.config/containers/auth.json"));
    assertEquals(Credential.basic(DistributionRegistry.USER, "hub-secret"),
        Credentials.defaults(Map.of("PATH", bin.toString()), work.resolve("home")).find("docker.io", "library/alpine").orElseThrow());
    assertEquals("get " + RegistryHosts.DOCKER_HUB_CONFIG_KEY + "\n", Files.readString(work.resolve("helper.log")));
  }

  @Test
  void errors_wrongPasswordBrokenFileFailingHelper_noSecretShown() throws Exception {
    try (DistributionRegistry registry = registryWithImage()) {
      UpstreamException refused = assertThrows(UpstreamException.class,
          () -> resolve(registry, ExplicitCredentials.of(registry.host(), DistributionRegistry.USER, WRONG)));
      assertEquals(UpstreamException.Reason.UNAUTHORIZED, refused.reason());
      assertTrue(refused.getMessage().startsWith(registry.host() + "/app:v1: unauthorized: the registry refused the credentials"),
          refused.getMessage());
      assertNoSecret(refused.getMessage());
    }
    Path broken = write("broken/config.json", "{\"auths\":{\"x\":{\"auth\":\"" + auth("u", WRONG) + "\"");
    UpstreamException unreadable = assertThrows(UpstreamException.class, () -> AuthFile.at(broken).find("x", "app"));
    assertEquals(UpstreamException.Reason.CREDENTIALS, unreadable.reason());
    assertTrue(unreadable.getMessage().startsWith(broken + ": credentials: not valid JSON at line 1"), unreadable.getMessage());
    assertNoSecret(unreadable.getMessage());

    Path failing = write("bin2/docker-credential-failing", "#!/bin/sh\necho '" + WRONG + "'\necho '" + WRONG + "' >&2\nexit 3\n");
    Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
    write("failing/config.json", "{\"credsStore\":\"failing\"}");
    UpstreamException helperFailed = assertThrows(UpstreamException.class, () -> Credentials.defaults(Map.of("DOCKER_CONFIG",
        work.resolve("failing").toString(), "PATH", failing.getParent().toString()), work.resolve("home")).find("ghcr.io", "a"));
    assertEquals("ghcr.io: credentials: credential helper docker-credential-failing exited 3", helperFailed.getMessage());

    assertNoSecret(Credential.basic("u", WRONG).toString());
    assertNoSecret(ExplicitCredentials.of("ghcr.io", "u", WRONG).toString());
    assertNoSecret(Credential.identityToken(WRONG).toString());
  }

  private static void assertNoSecret(String text) {
    assertFalse(text.contains(WRONG) || text.contains(auth("u", WRONG)) || text.contains(auth(DistributionRegistry.USER, WRONG)),
        text);
  }
}
