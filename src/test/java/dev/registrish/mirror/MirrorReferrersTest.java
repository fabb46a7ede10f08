package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.Hosts;
import dev.registrish.testing.ReferrersChecks;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror} with {@code referrers: true} from the reference registry (distribution 2.8, which has no referrers
 * API), where a signed image's artifacts sit behind fallback tags and cosign's tag: they arrive, and the bucket serves
 * them through the referrers API; a re-run downloads nothing and writes nothing.
 */
@EndToEnd
class MirrorReferrersTest {
  static final String BUCKET = "e2e";

  @TempDir Path work;

  /** Pushes app:v1, each artifact by digest, each fallback tag, and cosign's tag, as signing tools do without the API. */
  static void pushSigned(DistributionRegistry registry, Path source, Signed signed) throws Exception {
    Tree tree = TreeScanner.scan(source);
    RepositoryTree app = tree.repositories().get("app");
    registry.push(app, "v1", "team/app");
    registry.put(app, signed.v2(), "team/app", null);
    for (RawManifest artifact : signed.referrers()) {
      registry.put(app, artifact, "team/app", null);
    }
    for (TreeObject o : TreeObjects.of(tree, HeaderRules.defaults(), null)) {
      if (o.kind() == RegistryKey.Kind.REFERRERS_TAG) {
        registry.put(app, o.manifest(), "team/app", o.tag());
      }
    }
    registry.put(app, signed.cosignTag(), "team/app", signed.cosignTagName());
  }

  /** A mirror file of {@code team/app:v1} as {@code app}, with {@code extra} lines for the image. */
  Path mirrorFile(DistributionRegistry registry, String... extra) throws Exception {
    List<String> lines = new ArrayList<>(List.of("images:", "  - source: " + registry.host() + "/team/app", "    target: app",
        "    tags: [\"v1\"]"));
    lines.addAll(List.of(extra));
    return Files.writeString(work.resolve("mirror.yaml"), String.join("\n", lines) + "\n");
  }

  Cli.Run mirror(S3ProxyFixture s3, Path file) {
    return Cli.run("mirror", "--config", file.toString(), "--bucket", BUCKET, "--profile", "local", "--endpoint",
        s3.uri().toString(), "--output", "json");
  }

  static long requests(Cli.Run run, String operation) throws Exception {
    JsonNode n = Json.MAPPER.readTree(run.out()).get("requests").get(operation);
    return n == null ? 0 : n.asLong();
  }

  @Test
  void mirror_registryWithoutReferrersApi_artifactsArriveAndTheBucketServesThemThroughTheApi() throws Exception {
    Hosts.ensure(BUCKET + ".localhost");
    Path source = work.resolve("source");
    Signed signed = SignedTrees.write(source);
    try (DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("registry")));
        S3ProxyFixture s3 = new S3ProxyFixture()) {
      pushSigned(registry, source, signed);
      s3.createBucket(BUCKET);
      Path file = mirrorFile(registry, "    referrers: true");

      Cli.Run first = mirror(s3, file);
      assertEquals(0, first.exit(), first.toString());
      String host = BUCKET + ".localhost:" + s3.proxy.getPort();
      ReferrersChecks.servesDocuments(URI.create("http://" + host), signed, false);
      ReferrersChecks.orasListsAndFetches(host, signed, false);
      List<String> keys = s3.keys(BUCKET);
      assertTrue(keys.contains(RegistryKey.tag("app", signed.cosignTagName()).path()), "cosign's tag arrives as a tag");
      assertEquals(1, registry.count("GET", "/referrers/"), "the referrers API is asked once: this registry has none");

      long blobs = registry.count("GET", "/blobs/");
      long manifests = registry.count("GET", "/manifests/");
      Cli.Run again = mirror(s3, file);
      assertEquals(0, again.exit(), again.toString());
      assertEquals(blobs, registry.count("GET", "/blobs/"), "nothing downloaded again");
      for (String write : List.of("Put", "Copy", "Delete")) {
        assertEquals(0, requests(again, write), write + " on a re-run: " + again.out());
      }
      assertEquals(10, registry.count("GET", "/manifests/") - manifests, "a re-run reads one fallback tag per manifest (the index,"
          + " 2 platforms, 5 artifacts, app:v2 that one lists, cosign's signature) and keeps the artifacts it has");
    }
  }

  @Test
  void mirror_referrersOff_noArtifactsButEveryManifestAnswersTheApi() throws Exception {
    Path source = work.resolve("source");
    Signed signed = SignedTrees.write(source);
    try (DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("registry")));
        S3ProxyFixture s3 = new S3ProxyFixture()) {
      pushSigned(registry, source, signed);
      s3.createBucket(BUCKET);
      Path file = mirrorFile(registry);
      Cli.Run run = mirror(s3, file);
      assertEquals(0, run.exit(), run.toString());
      List<String> keys = s3.keys(BUCKET);
      for (RawManifest m : signed.referrers()) {
        assertFalse(keys.contains(RegistryKey.manifest("app", m.digest()).path()), "not mirrored: " + m.digest());
      }
      for (RawManifest m : List.of(signed.index(), signed.amd64(), signed.arm64())) {
        assertTrue(keys.contains(RegistryKey.referrers("app", m.digest()).path()), "an empty document for " + m.digest());
      }
      assertEquals(0, registry.count("GET", "/referrers/"));
      assertEquals(List.of(), keys.stream().filter(k -> k.contains("/manifests/sha256-")).toList(), "no fallback tag");
    }
  }
}
