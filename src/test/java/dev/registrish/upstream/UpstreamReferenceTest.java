package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** References read the way Docker reads them. */
class UpstreamReferenceTest {
  private static final String HEX = "0123456789abcdef".repeat(4);

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "alpine                         | docker.io      | library/alpine | -    | docker.io/library/alpine:latest",
      "alpine:3.20                    | docker.io      | library/alpine | 3.20 | docker.io/library/alpine:3.20",
      "docker.io/x/y                  | docker.io      | x/y            | -    | docker.io/x/y:latest",
      "index.docker.io/library/alpine | docker.io      | library/alpine | -    | docker.io/library/alpine:latest",
      "ghcr.io/org/app:v1             | ghcr.io        | org/app        | v1   | ghcr.io/org/app:v1",
      "127.0.0.1:5000/x               | 127.0.0.1:5000 | x              | -    | 127.0.0.1:5000/x:latest",
      "localhost/app                  | localhost      | app            | -    | localhost/app:latest",
      "[::1]:5000/app:v1              | [::1]:5000     | app            | v1   | [::1]:5000/app:v1",
      "org/app                        | docker.io      | org/app        | -    | docker.io/org/app:latest"})
  void parse_dockerNames(String value, String registry, String repository, String tag, String shown) throws Exception {
    UpstreamReference ref = UpstreamReference.parse(value);

    assertEquals(new UpstreamReference(registry, repository, tag, null), ref);
    assertEquals(shown, ref.toString());
  }

  @Test
  void parse_digest_pinsTheManifest() throws Exception {
    UpstreamReference ref = UpstreamReference.parse("localhost:5000/a/b@sha256:" + HEX);

    assertEquals("localhost:5000", ref.registry());
    assertEquals("a/b", ref.repository());
    assertEquals(Digest.parse("sha256:" + HEX), ref.digest());
    assertEquals("sha256:" + HEX, ref.reference());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Alpine", "app:bad!tag", "app@sha256:123", "", "ghcr.io/", "my_host.io/app", "org/App:v1"})
  void parse_invalid_namesTheInput(String value) {
    UpstreamException e = assertThrows(UpstreamException.class, () -> UpstreamReference.parse(value));

    assertEquals(UpstreamException.Reason.INVALID_REFERENCE, e.reason());
    assertTrue(e.getMessage().startsWith("'" + value + "': invalid-reference: "), e.getMessage());
  }

  @Test
  void registryHosts_dockerRules() {
    assertEquals("registry-1.docker.io", RegistryHosts.apiHost("docker.io"));
    assertEquals("docker.io", RegistryHosts.normalize("https://index.docker.io/v1/"));
    assertEquals("docker.io", RegistryHosts.normalize("registry-1.docker.io"));
    assertEquals("localhost:5000", RegistryHosts.normalize("http://localhost:5000"));
    assertEquals("quay.io/team", RegistryHosts.normalize("quay.io/team/"));
    for (String loopback : new String[] {"localhost", "e2e.localhost", "127.0.0.1", "127.8.9.10", "[::1]", "::1"}) {
      assertTrue(RegistryHosts.isLoopback(loopback), loopback);
    }
    for (String remote : new String[] {"registry.lan", "10.0.0.1", "127.0.0.1.example.com", "localhost.example.com"}) {
      assertFalse(RegistryHosts.isLoopback(remote), remote);
    }
  }
}
