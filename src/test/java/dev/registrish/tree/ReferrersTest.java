package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.Artifacts;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The referrers documents a tree publishes: what the referrers API and the fallback tags answer. */
public class ReferrersTest {
  /** The empty referrers index, byte for byte. */
  public static final String EMPTY = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";

  @TempDir
  Path root;
  Signed signed;

  @BeforeEach
  void tree() throws Exception {
    signed = SignedTrees.write(root);
  }

  Map<String, TreeObject> published() throws Exception {
    Map<String, TreeObject> out = new TreeMap<>();
    TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null).forEach(o -> out.put(o.path(), o));
    return out;
  }

  static JsonNode json(TreeObject o) throws Exception {
    return Json.MAPPER.readTree(o.bytes());
  }

  static List<String> digests(TreeObject o) throws Exception {
    List<String> out = new ArrayList<>();
    json(o).get("manifests").forEach(d -> out.add(d.get("digest").asText()));
    return out;
  }

  static String referrers(RawManifest subject) {
    return RegistryKey.referrers("app", subject.digest()).path();
  }

  @Test
  void objects_everyManifest_hasAReferrersIndexListingItsArtifactsSortedByDigest() throws Exception {
    Map<String, TreeObject> objects = published();
    assertEquals(Stream.of(signed.signature(), signed.configTyped()).map(m -> m.digest().toString()).sorted().toList(),
        digests(objects.get(referrers(signed.index()))));
    assertEquals(List.of(signed.sbom().digest().toString()), digests(objects.get(referrers(signed.amd64()))));
    assertEquals(List.of(signed.sbomSignature().digest().toString()), digests(objects.get(referrers(signed.sbom()))),
        "an artifact of an artifact");
    assertEquals(List.of(signed.indexArtifact().digest().toString()), digests(objects.get(referrers(signed.arm64()))));
    for (String manifest : TreeScanner.scan(root).repositories().get("app").manifests().keySet()) {
      assertTrue(objects.containsKey(RegistryKey.referrers("app", Digest.parse(manifest)).path()), "a document for " + manifest);
    }
  }

  @Test
  void objects_descriptors_carryTypeSizeArtifactTypeAndAnnotations() throws Exception {
    Map<String, TreeObject> objects = published();
    JsonNode index = json(objects.get(referrers(signed.index())));
    assertEquals(2, index.get("schemaVersion").asInt());
    assertEquals(MediaType.OCI_INDEX, index.get("mediaType").asText());
    for (JsonNode d : index.get("manifests")) {
      RawManifest m = d.get("digest").asText().equals(signed.signature().digest().toString()) ? signed.signature() : signed.configTyped();
      assertEquals(MediaType.OCI_MANIFEST, d.get("mediaType").asText());
      assertEquals(m.bytes().length, d.get("size").asLong());
      assertEquals(m == signed.signature() ? Artifacts.BUNDLE : Artifacts.CONFIG_TYPED, d.get("artifactType").asText(),
          "its own artifactType, else its config's media type");
    }
    JsonNode signature = index.get("manifests").get(index.get("manifests").get(0).get("digest").asText()
        .equals(signed.signature().digest().toString()) ? 0 : 1);
    assertEquals("dsse-envelope", signature.get("annotations").get("dev.sigstore.bundle.content").asText());
    assertEquals("2025-06-01T10:00:00Z", signature.get("annotations").get(Artifacts.CREATED).asText());
    JsonNode indexArtifact = json(objects.get(referrers(signed.arm64()))).get("manifests").get(0);
    assertEquals(MediaType.OCI_INDEX, indexArtifact.get("mediaType").asText());
    assertNull(indexArtifact.get("artifactType"), "an index without artifactType is listed without one");
    assertEquals("evidence", indexArtifact.get("annotations").get("org.example.kind").asText());
  }

  @Test
  void objects_manifestWithoutReferrers_emptyIndexAndNoFallbackTag() throws Exception {
    Map<String, TreeObject> objects = published();
    TreeObject doc = objects.get(referrers(signed.v2()));
    assertEquals(EMPTY, new String(doc.bytes(), StandardCharsets.UTF_8));
    assertEquals(MediaType.OCI_INDEX, doc.headers().contentType());
    assertEquals("public, max-age=60", doc.headers().cacheControl());
    assertFalse(objects.containsKey(RegistryKey.referrersTag("app", signed.v2().digest()).path()));
    assertEquals(EMPTY, new String(objects.get(RegistryKey.referrers("tools/x", signed.tool()).path()).bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void objects_subjectWithReferrers_fallbackTagAndIndexByDigestWithTheSameBytes() throws Exception {
    Map<String, TreeObject> objects = published();
    for (RawManifest subject : List.of(signed.index(), signed.amd64(), signed.arm64(), signed.sbom())) {
      TreeObject doc = objects.get(referrers(subject));
      TreeObject tag = objects.get("v2/app/manifests/sha256-" + subject.digest().hex());
      assertArrayEquals(doc.bytes(), tag.bytes());
      assertEquals(RegistryKey.Kind.REFERRERS_TAG, tag.kind());
      assertEquals(MediaType.OCI_INDEX, tag.headers().contentType());
      assertEquals("public, max-age=60", tag.headers().cacheControl());
      assertArrayEquals(doc.bytes(), objects.get(RegistryKey.manifest("app", doc.digest()).path()).bytes(),
          "the fallback tag's manifest is also there by digest, as a registry holds a tag");
    }
  }

  @Test
  void objects_tagsList_listsCosignTagsButNotFallbackTags() throws Exception {
    JsonNode list = json(published().get(RegistryKey.tagsList("app").path()));
    List<String> tags = new ArrayList<>();
    list.get("tags").forEach(t -> tags.add(t.asText()));
    assertEquals(List.of(signed.cosignTagName(), "v1", "v2"), tags);
  }

  @Test
  void objects_fallbackTagHeldByTheTree_mergedIntoTheComputedIndex() throws Exception {
    Path held = root.resolve(RegistryKey.referrersTag("app", signed.index().digest()).path());
    String only = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
        + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + signed.signature().digest() + "\",\"size\":"
        + signed.signature().bytes().length + "}]}";
    TreeWriter.write(held, only.getBytes(StandardCharsets.UTF_8));
    Map<String, TreeObject> objects = published();
    TreeObject tag = objects.get(RegistryKey.referrersTag("app", signed.index().digest()).path());
    assertEquals(Stream.of(signed.signature(), signed.configTyped()).map(m -> m.digest().toString()).sorted().toList(), digests(tag));
    assertArrayEquals(objects.get(referrers(signed.index())).bytes(), tag.bytes());
  }

  @Test
  void scan_fallbackTagThatIsNotAnIndex_refusedNamingIt() throws Exception {
    Path bad = root.resolve(RegistryKey.referrersTag("app", signed.v2().digest()).path());
    Files.write(bad, signed.v2().bytes());
    InvalidTreeException e = assertThrows(InvalidTreeException.class, () -> TreeScanner.scan(root));
    assertTrue(e.getMessage().contains(bad + ": the tag sha256-" + signed.v2().digest().hex()
        + " is the referrers fallback tag of a digest and must be an OCI image index"), e.getMessage());
  }

  @Test
  void objects_artifactWhoseSubjectIsAbsent_listedUnderThatDigest() throws Exception {
    RawManifest absent = RawManifest.parse(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"" + Artifacts.EMPTY_CONFIG + "\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8));
    RawManifest signature = new Artifacts(root, "app").signature(absent, "absent");
    Map<String, TreeObject> objects = published();
    assertEquals(List.of(signature.digest().toString()), digests(objects.get(referrers(absent))));
    assertTrue(objects.containsKey(RegistryKey.referrersTag("app", absent.digest()).path()));
    assertFalse(objects.containsKey(RegistryKey.manifest("app", absent.digest()).path()));
  }

  @Test
  void referrersTag_sha512Subject_algorithmAndHexCut() {
    Digest sha512 = Digest.parse("sha512:" + "ab".repeat(64));
    RegistryKey tag = RegistryKey.referrersTag("app", sha512);
    assertEquals("sha512-" + "ab".repeat(32), tag.reference());
    assertEquals(RegistryKey.Kind.REFERRERS_TAG, RegistryKey.parse(tag.path()).kind());
    assertEquals(RegistryKey.Kind.TAG, RegistryKey.parse("v2/app/manifests/sha256-" + "a".repeat(64) + ".sig").kind());
  }
}
