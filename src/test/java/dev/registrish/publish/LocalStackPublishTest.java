package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The publish cycle against LocalStack's S3 (a pinned image that needs no auth token), where a
 * Docker engine exists. Elsewhere it is skipped, saying so: the S3Proxy suite covers the same ground.
 */
@EndToEnd
class LocalStackPublishTest {
  static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8.1");

  @Test
  void publish_noOpThenChangedTag(@TempDir Path tree) throws Exception {
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    assumeTrue(docker, "no Docker engine on this machine: the LocalStack suite is skipped (S3Proxy suite runs instead)");
    try (LocalStackContainer localstack = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.S3)) {
      localstack.start();
      localstack.execInContainer("awslocal", "s3", "mb", "s3://ls");
      System.setProperty("aws.accessKeyId", localstack.getAccessKey());
      System.setProperty("aws.secretAccessKey", localstack.getSecretKey());
      new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
      String endpoint = localstack.getEndpointOverride(LocalStackContainer.Service.S3).toString();
      // LocalStack 3.8 checks If-None-Match on PutObject but not If-Match (added in a later release): publish refuses such a
      // store unless it is declared a single writer
      String[] base = {"publish", "--bucket", "ls", "--profile", "local", "--endpoint", endpoint, "--tree", tree.toString(),
          "--output", "json", "--no-lock-check"};
      assertEquals(0, Cli.run(base).exit());
      JsonNode noop = Json.MAPPER.readTree(Cli.run(base).out());
      assertEquals(0, noop.get("requests").path("Put").asInt(), noop.toString());
      new SyntheticImages(tree, 2).image("app", "v1", List.of("linux/amd64"), 1, List.of());
      JsonNode changed = Json.MAPPER.readTree(Cli.run(base).out());
      assertEquals("updated", changed.get("images").get(0).get("status").asText());
      assertTrue(changed.get("summary").get("upload").asInt() > 0);
    }
  }
}
