package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.hosting.BucketFrontHandler;
import dev.registrish.hosting.RegistryServer;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.Artifacts;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.ReferrersChecks;
import dev.registrish.testing.RegistryChecks;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.testing.Tools;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.ReferrersTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed tree published to a plain bucket (S3Proxy): the referrers API and the fallback tags answer from the bucket
 * itself and from the bucket front of {@code serve --profile local}; documents are rewritten only when a set changes,
 * after the artifacts they list; deletes take artifacts with their subjects, after the grace period.
 */
@EndToEnd
class ReferrersPublishTest {
  /** The bucket anonymous clients pull from, at {@code e2e.localhost}. */
  static final String PUBLIC = "e2e";
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir Path work;
  Path tree;
  Signed signed;
  String bucket;

  @BeforeEach
  void publishSigned() throws Exception {
    tree = work.resolve("tree");
    signed = SignedTrees.write(tree);
    bucket = s3.newBucket("referrers");
    Cli.Run run = s3.publish(bucket, tree);
    assertEquals(0, run.exit(), run.toString());
  }

  List<String> keys() throws Exception {
    return s3.keys(bucket);
  }

  @Test
  void publish_plainBucket_referrersApiAndFallbackAnswerEveryClient() throws Exception {
    Hosts.ensure(PUBLIC + ".localhost");
    s3.createBucket(PUBLIC);
    assertEquals(0, s3.publish(PUBLIC, tree).exit());
    String registry = PUBLIC + ".localhost:" + s3.proxy.getPort();
    ReferrersChecks.servesDocuments(URI.create("http://" + registry), signed, false);
    ReferrersChecks.orasListsAndFetches(registry, signed, false);
    ReferrersChecks.skopeoCopiesFallbackAndCosignTags(Tools.require("skopeo", "skopeo"), registry, signed, work);
    HttpResponse<byte[]> none = RegistryChecks.send(URI.create("http://" + registry), "GET", "/v2/app/referrers/sha256:"
        + "0".repeat(64), Map.of());
    assertTrue(none.statusCode() == 403 || none.statusCode() == 404, "a bucket holds no document for a digest that is no manifest");
  }

  @Test
  void serveBucket_front_answersEveryDigestAndRefusesMalformedOnes() throws Exception {
    URI root = URI.create(s3.uri() + "/" + bucket + "/");
    try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, new BucketFrontHandler(root, HeaderRules.defaults()))) {
      String registry = "127.0.0.1:" + server.port();
      ReferrersChecks.servesDocuments(URI.create("http://" + registry), signed, true);
      ReferrersChecks.orasListsAndFetches(registry, signed, true);
      HttpResponse<byte[]> none = RegistryChecks.send(URI.create("http://" + registry), "GET", "/v2/app/referrers/sha256:"
          + "0".repeat(64) + "?artifactType=x", Map.of());
      assertEquals(200, none.statusCode());
      assertEquals(List.of(MediaType.OCI_INDEX), none.headers().allValues("Content-Type"));
      assertEquals(ReferrersTest.EMPTY, new String(none.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void publish_unchanged_rewritesNoDocument() throws Exception {
    s3.store.reset();
    Cli.Run run = s3.publish(bucket, tree);
    assertEquals(0, run.exit(), run.toString());
    assertEquals(List.of(), s3.store.written(), "a publish with nothing new writes nothing, referrers documents included");
  }

  @Test
  void publish_newArtifact_writesItThenOnlyItsSubjectsDocuments() throws Exception {
    RawManifest sbom = new Artifacts(tree, "app").sbom(signed.v2());
    s3.store.reset();
    Cli.Run run = s3.publish(bucket, tree);
    assertEquals(0, run.exit(), run.toString());
    List<String> written = s3.store.written().stream().filter(k -> k.startsWith("v2/")).toList();
    String artifact = RegistryKey.manifest("app", sbom.digest()).path();
    String document = RegistryKey.referrers("app", signed.v2().digest()).path();
    String fallback = RegistryKey.referrersTag("app", signed.v2().digest()).path();
    assertTrue(written.indexOf(artifact) >= 0 && written.indexOf(artifact) < written.indexOf(document)
        && written.indexOf(artifact) < written.indexOf(fallback), "the artifact lands before the documents listing it: " + written);
    assertEquals(List.of(document, RegistryKey.referrers("app", sbom.digest()).path()).stream().sorted().toList(),
        written.stream().filter(k -> k.contains("/referrers/")).sorted().toList(),
        "only the subject's document is rewritten (and the new artifact's own, empty one)");
    byte[] served = s3.objectStore(bucket).get(document).orElseThrow();
    assertTrue(new String(served, StandardCharsets.UTF_8).contains(sbom.digest().toString()));
    assertArrayEquals(served, s3.objectStore(bucket).get(fallback).orElseThrow());
  }

  @Test
  void publish_artifactUploadFails_documentsListingItHeldBack() throws Exception {
    RawManifest sbom = new Artifacts(tree, "app").sbom(signed.v2());
    String artifact = RegistryKey.manifest("app", sbom.digest()).path();
    try (FaultProxy proxy = new FaultProxy(s3.proxy.getPort())) {
      proxy.rule(r -> r.method().equals("PUT") && r.path().contains(artifact) ? FaultProxy.INTERNAL_ERROR : null);
      Cli.Run run = S3ProxyFixture.publish(proxy.uri().toString(), bucket, tree);
      assertEquals(1, run.exit(), run.toString());
    }
    List<String> keys = keys();
    assertFalse(keys.contains(artifact));
    assertFalse(keys.contains(RegistryKey.referrersTag("app", signed.v2().digest()).path()), "no fallback tag lists it");
    assertFalse(new String(s3.objectStore(bucket).get(RegistryKey.referrers("app", signed.v2().digest()).path()).orElseThrow(),
        StandardCharsets.UTF_8).contains(sbom.digest().toString()), "no referrers document lists it");
  }
}
