package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Json;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Upload;
import dev.registrish.testing.Cli;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.tree.RegistryKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} of a signed registry: every referrers document lists exactly the tree's referrers, each resolvable
 * and naming its subject, with the exact Content-Type and a fallback tag of the same bytes; tampered documents fail.
 */
class ReferrersVerifyTest {
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir Path tree;
  Signed signed;
  String bucket;

  @BeforeEach
  void publishSigned() throws Exception {
    signed = SignedTrees.write(tree);
    bucket = s3.newBucket("refverify");
    assertEquals(0, s3.publish(bucket, tree).exit());
  }

  Cli.Run verify(String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", "--url", s3.uri() + "/" + bucket + "/", "--tree",
        tree.toString(), "--output", "json"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  void put(String key, String body, String type) throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      store.put(Upload.of(key, body.getBytes(StandardCharsets.UTF_8), type, "public, max-age=60", Map.of()));
    }
  }

  /** The findings of a run's JSON output, as {@code severity check url: message}. */
  static List<String> findings(Cli.Run run) throws Exception {
    List<String> out = new ArrayList<>();
    Json.MAPPER.readTree(run.out()).get("findings").forEach(f -> out.add(f.get("severity").asText() + " " + f.get("check").asText()
        + " " + f.get("url").asText() + ": " + f.get("message").asText()));
    return out;
  }

  static boolean has(List<String> findings, String start, String contains) {
    return findings.stream().anyMatch(f -> f.startsWith(start) && f.contains(contains));
  }

  String url(String key) {
    return s3.uri() + "/" + bucket + "/" + key;
  }

  String document(RawManifest subject) {
    return RegistryKey.referrers("app", subject.digest()).path();
  }

  static String index(RawManifest... entries) {
    StringBuilder b = new StringBuilder();
    for (RawManifest m : entries) {
      b.append(b.length() == 0 ? "" : ",").append("{\"mediaType\":\"").append(m.mediaType()).append("\",\"digest\":\"")
          .append(m.digest()).append("\",\"size\":").append(m.bytes().length).append('}');
    }
    return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[" + b + "]}";
  }

  @Test
  void verify_publishedSignedTree_passesWithEveryArtifactChecked() throws Exception {
    Cli.Run run = verify("--strict");
    assertEquals(0, run.exit(), run.toString());
    assertEquals(List.of(), findings(run));
    assertTrue(Json.MAPPER.readTree(run.out()).get("manifests").asInt() >= 11, "images, platforms and the 5 artifacts: " + run.out());
  }

  @Test
  void verify_documentMissingAnArtifact_problemNamingBoth() throws Exception {
    put(document(signed.index()), index(signed.signature()), MediaType.OCI_INDEX);
    Cli.Run run = verify();
    assertEquals(3, run.exit(), run.toString());
    List<String> findings = findings(run);
    String both = List.of(signed.signature(), signed.configTyped()).stream().map(m -> m.digest().toString()).sorted()
        .reduce((a, b) -> a + ", " + b).orElseThrow();
    assertTrue(has(findings, "problem referrers " + url(document(signed.index())), "but the tree has [" + both + "]"), findings.toString());
    assertTrue(has(findings, "problem referrers-fallback " + url(RegistryKey.referrersTag("app", signed.index().digest()).path()),
        "holds other bytes"), "the fallback tag no longer agrees: " + findings);
  }

  @Test
  void verify_entryNamingAnotherSubject_problem() throws Exception {
    put(document(signed.v2()), index(signed.sbom()), MediaType.OCI_INDEX);
    put(RegistryKey.referrersTag("app", signed.v2().digest()).path(), index(signed.sbom()), MediaType.OCI_INDEX);
    Cli.Run run = verify();
    assertEquals(3, run.exit(), run.toString());
    assertTrue(has(findings(run), "problem referrers-subject " + url(RegistryKey.manifest("app", signed.sbom().digest()).path()),
        "listed as a referrer of " + signed.v2().digest() + " but its subject is " + signed.amd64().digest()), run.out());
  }

  @Test
  void verify_documentWithAnotherContentType_problem() throws Exception {
    put(document(signed.amd64()), index(signed.sbom()), MediaType.OCI_INDEX + "; charset=utf-8");
    Cli.Run run = verify();
    assertEquals(3, run.exit(), run.toString());
    assertTrue(has(findings(run), "problem content-type " + url(document(signed.amd64())), "not exactly " + MediaType.OCI_INDEX),
        run.out());
  }

  @Test
  void verify_documentMissing_problemWhereTheTreeHasReferrersWarningWhereNot() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      store.delete(List.of(document(signed.arm64()), document(signed.v2())));
    }
    Cli.Run run = verify();
    assertEquals(3, run.exit(), run.toString());
    List<String> findings = findings(run);
    assertTrue(has(findings, "problem referrers " + url(document(signed.arm64())), "clients find none"), findings.toString());
    assertTrue(has(findings, "warning referrers " + url(document(signed.v2())), "instead of an empty list"), findings.toString());
  }
}
