package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCommandTest {
  static List<JsonNode> documents(String out) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    for (String part : out.split("(?m)^# .*$")) {
      if (!part.isBlank()) {
        docs.add(Json.MAPPER.readTree(part));
      }
    }
    return docs;
  }

  @Test
  void policy_s3_identityAndPublicReadLimitedToThePrefix() throws Exception {
    Cli.Run run = Cli.run("policy", "--profile", "s3", "--bucket", "imgs", "--prefix", "mirror");
    assertEquals(0, run.exit(), run.toString());
    List<JsonNode> docs = documents(run.out());
    assertEquals(2, docs.size());
    String identity = docs.get(0).toString();
    assertTrue(identity.contains("arn:aws:s3:::imgs/mirror/v2/*") && identity.contains("s3:PutObject"), identity);
    assertFalse(identity.contains("PutObjectAcl"), "the s3 profile sends no ACL");
    JsonNode read = docs.get(1).get("Statement").get(0);
    assertEquals("*", read.get("Principal").asText());
    assertEquals("s3:GetObject", read.get("Action").asText());
    assertEquals("arn:aws:s3:::imgs/mirror/v2/*", read.get("Resource").asText(), "the marker and lock stay private");
  }

  @Test
  void policy_withPublicReadAcl_allowsPutObjectAcl() throws Exception {
    Cli.Run run = Cli.run("policy", "--profile", "s3", "--bucket", "imgs", "--acl", "public-read");
    assertTrue(documents(run.out()).get(0).toString().contains("s3:PutObjectAcl"), run.out());
  }

  @Test
  void policy_unknownProfile_exits2WithMessage() {
    Cli.Run run = Cli.run("policy", "--profile", "nope", "--bucket", "imgs");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("unknown profile 'nope'"), run.err());
  }
}
