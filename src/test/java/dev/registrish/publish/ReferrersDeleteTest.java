package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.RawManifest;
import dev.registrish.testing.Cli;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.ReferrersTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish --delete} with artifacts: an artifact goes with its subject, after the grace period, and the referrers
 * documents wait with their manifests; an artifact whose subject stays in the tree is never deleted; a fallback tag
 * whose subject lost its referrers is derived, so it goes at once.
 */
class ReferrersDeleteTest {
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir Path tree;
  Signed signed;
  String bucket;

  @BeforeEach
  void publishSigned() throws Exception {
    signed = SignedTrees.write(tree);
    bucket = s3.newBucket("refdelete");
    assertEquals(0, s3.publish(bucket, tree).exit());
  }

  Cli.Run publish(String... extra) {
    Cli.Run run = s3.publish(bucket, tree, extra);
    assertEquals(0, run.exit(), run.toString());
    return run;
  }

  void untagAndPrune(String tag) throws Exception {
    Files.delete(tree.resolve(RegistryKey.tag("app", tag).path()));
    Cli.Run prune = Cli.run("prune", "--tree", tree.toString());
    assertEquals(0, prune.exit(), prune.toString());
  }

  List<String> keys() throws Exception {
    return s3.keys(bucket);
  }

  List<String> keysOf(RawManifest m) throws Exception {
    return keys().stream().filter(k -> k.contains(m.digest().toString()) || k.contains("sha256-" + m.digest().hex())).toList();
  }

  String document(RawManifest subject) throws Exception {
    return new String(s3.objectStore(bucket).get(RegistryKey.referrers("app", subject.digest()).path()).orElseThrow(),
        StandardCharsets.UTF_8);
  }

  @Test
  void delete_subjectGone_artifactsAndDocumentsWaitForGraceThenGoWithIt() throws Exception {
    untagAndPrune("v1");
    untagAndPrune(signed.cosignTagName());
    publish("--delete", "--grace", "2s", "--tag-max-age", "1s");
    for (RawManifest subject : List.of(signed.index(), signed.amd64(), signed.arm64(), signed.sbom())) {
      assertFalse(keys().contains(RegistryKey.referrersTag("app", subject.digest()).path()), "a fallback tag goes at once");
    }
    for (RawManifest m : signed.referrers()) {
      assertTrue(keys().contains(RegistryKey.manifest("app", m.digest()).path()), "an artifact waits out the grace period");
    }
    assertTrue(document(signed.index()).contains(signed.signature().digest().toString()),
        "a referrers document waits with its manifest, still listing what is still there");

    Thread.sleep(3100); // the store's clock (its Date header) counts whole seconds
    publish("--delete", "--grace", "2s", "--tag-max-age", "1s");
    for (RawManifest m : List.of(signed.index(), signed.amd64(), signed.arm64(), signed.signature(), signed.sbom(),
        signed.sbomSignature(), signed.configTyped(), signed.indexArtifact())) {
      assertEquals(List.of(), keysOf(m), "gone with its subject: " + m.digest());
    }
    assertTrue(keys().contains(RegistryKey.manifest("app", signed.v2().digest()).path()));
    assertEquals(ReferrersTest.EMPTY, document(signed.v2()));
  }

  @Test
  void delete_subjectStays_itsArtifactsAreNeverDeleted() throws Exception {
    untagAndPrune("v2");
    publish("--delete", "--grace", "0");
    for (RawManifest m : signed.referrers()) {
      assertTrue(keys().contains(RegistryKey.manifest("app", m.digest()).path()), "kept with its subject: " + m.digest());
      assertTrue(Files.isRegularFile(tree.resolve(RegistryKey.manifest("app", m.digest()).path())), "and in the tree");
    }
    assertTrue(keys().contains(RegistryKey.manifest("app", signed.v2().digest()).path()),
        "app:v2's manifest stays: an artifact of arm64 lists it");
    assertFalse(keys().contains(RegistryKey.tag("app", "v2").path()));
  }

  @Test
  void delete_subjectLostItsReferrers_fallbackTagKeptWithoutDeleteGoneWithIt() throws Exception {
    for (RawManifest m : List.of(signed.sbom(), signed.sbomSignature())) {
      Files.delete(tree.resolve(RegistryKey.manifest("app", m.digest()).path()));
    }
    String fallback = RegistryKey.referrersTag("app", signed.amd64().digest()).path();
    Cli.Run kept = publish();
    assertEquals(ReferrersTest.EMPTY, document(signed.amd64()), "the document says at once that amd64 has no referrers");
    assertTrue(keys().contains(fallback), "nothing is deleted without --delete");
    assertTrue(kept.out().contains("extra ("), kept.out());

    publish("--delete", "--grace", "0");
    assertFalse(keys().contains(fallback), "a fallback tag whose subject lost its referrers is deleted");
    assertEquals(List.of(), keysOf(signed.sbom()));
    assertEquals(List.of(), keysOf(signed.sbomSignature()));
    assertEquals(ReferrersTest.EMPTY, document(signed.amd64()));
  }
}
