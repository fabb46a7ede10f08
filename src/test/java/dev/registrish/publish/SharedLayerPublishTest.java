package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.source.Corpus;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A base layer shared by 100 repositories is uploaded once and copied on the server for the others. */
@EndToEnd
class SharedLayerPublishTest {
  @TempDir
  Path tree;

  @Test
  void publish_sharedCorpus_uploadsTheBaseLayerOnce() throws Exception {
    Corpus.SHARED.write(tree, 1);
    try (S3ProxyFixture s3 = new S3ProxyFixture()) {
      s3.createBucket("shared");
      Cli.Run run = Cli.run("publish", "--bucket", "shared", "--profile", "local", "--endpoint", s3.uri().toString(),
          "--tree", tree.toString(), "--output", "json");
      assertEquals(0, run.exit(), run.toString());
      JsonNode report = Json.MAPPER.readTree(run.out());
      assertEquals(99, report.get("summary").get("copy").asInt(), run.out());
      assertEquals(99, s3.store.get("copy"), s3.store.snapshot().toString());
      assertTrue(report.get("bytes").asLong() < 2 * (8L << 20), "the 8 MiB base layer is sent once: " + report.get("bytes"));
    }
  }
}
