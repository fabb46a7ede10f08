package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.SignedTrees.Signed;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import land.oras.ArtifactType;
import land.oras.ContainerRef;
import land.oras.Index;
import land.oras.ManifestDescriptor;
import land.oras.Referrers;
import land.oras.Registry;

/**
 * What clients of the referrers API see on a host serving {@link SignedTrees}: the ORAS Java SDK lists every subject's
 * referrers through the API and through the fallback tag and fetches each artifact by digest; the documents carry the
 * exact Content-Type bytes; skopeo copies the fallback and cosign tags.
 */
public final class ReferrersChecks {
  private static final String EMPTY = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[]}";

  private ReferrersChecks() {}

  /** Subject to its referrers, for every manifest the checks ask about (those without referrers map to none). */
  public static Map<RawManifest, List<RawManifest>> expected(Signed s) {
    Map<RawManifest, List<RawManifest>> out = new LinkedHashMap<>();
    out.put(s.index(), List.of(s.signature(), s.configTyped()));
    out.put(s.amd64(), List.of(s.sbom()));
    out.put(s.sbom(), List.of(s.sbomSignature()));
    out.put(s.arm64(), List.of(s.indexArtifact()));
    out.put(s.v2(), List.of());
    out.put(s.signature(), List.of());
    out.put(s.cosignTag(), List.of());
    return out;
  }

  /**
   * ORAS lists each subject's referrers through the API, with and without {@code ?artifactType=} (a static registry
   * cannot filter: both answers are the same), and through the fallback tag of each subject that has referrers; it
   * then fetches every artifact, and every blob of it, by digest. ORAS 0.2.15 takes a manifest's digest only from
   * {@code Docker-Content-Digest} (oras-project/oras-java#522), which S3 cannot send: without {@code sendsDigest}, the
   * fallback tags and artifacts are fetched as clients that hash the body do, and ORAS still lists and fetches blobs.
   */
  public static void orasListsAndFetches(String registry, Signed s, boolean sendsDigest) throws Exception {
    Registry oras = Registry.builder().insecure().build();
    URI base = URI.create("http://" + registry);
    for (Map.Entry<RawManifest, List<RawManifest>> e : expected(s).entrySet()) {
      ContainerRef subject = ContainerRef.parse(registry + "/app@" + e.getKey().digest());
      Set<String> want = new TreeSet<>(e.getValue().stream().map(m -> m.digest().toString()).toList());
      Referrers listed = oras.getReferrers(subject, null);
      assertEquals(MediaType.OCI_INDEX, listed.getMediaType(), subject + " referrers media type");
      assertEquals(want, digests(listed.getManifests()), subject + " referrers through the API");
      assertEquals(want, digests(oras.getReferrers(subject, ArtifactType.from(Artifacts.SPDX)).getManifests()),
          subject + " with ?artifactType= answers the same (no filter applied)");
      if (!want.isEmpty()) {
        String tag = "sha256-" + e.getKey().digest().hex();
        List<String> fallback = sendsDigest
            ? oras.getIndex(ContainerRef.parse(registry + "/app:" + tag)).getManifests().stream().map(ManifestDescriptor::getDigest).toList()
            : fetched(base, tag).children().stream().map(c -> c.digest).toList();
        assertEquals(want, new TreeSet<>(fallback), subject + " referrers through the fallback tag");
      }
      for (ManifestDescriptor d : listed.getManifests()) {
        RawManifest artifact = e.getValue().stream().filter(m -> m.digest().toString().equals(d.getDigest())).findFirst().orElseThrow();
        assertEquals(artifact.mediaType(), d.getMediaType(), d.getDigest());
        assertEquals(artifact.bytes().length, d.getSize(), d.getDigest());
        ContainerRef ref = ContainerRef.parse(registry + "/app@" + d.getDigest());
        byte[] bytes = !sendsDigest ? fetched(base, d.getDigest()).bytes() : (MediaType.isIndex(d.getMediaType())
            ? oras.getIndex(ref).getJson() : oras.getManifest(ref).getJson()).getBytes(StandardCharsets.UTF_8);
        assertEquals(artifact.digest(), Digest.sha256(bytes), "fetched by digest: " + ref);
        for (String blob : artifact.blobs()) {
          assertEquals(blob, Digest.sha256(oras.getBlob(ContainerRef.parse(registry + "/app@" + blob))).toString(), ref + " blob");
        }
      }
    }
  }

  private static RawManifest fetched(URI base, String reference) throws Exception {
    HttpResponse<byte[]> r = RegistryChecks.send(base, "GET", "/v2/app/manifests/" + reference,
        Map.of("Accept", MediaType.OCI_INDEX + ", " + MediaType.OCI_MANIFEST));
    assertEquals(200, r.statusCode(), reference);
    return RawManifest.parse(r.body());
  }

  /**
   * Over plain HTTP, GET and HEAD of every referrers document (also with a query string) answer 200 with exactly
   * {@code Content-Type: application/vnd.oci.image.index.v1+json} and never {@code OCI-Filters-Applied}; a manifest
   * without referrers answers the empty index; with {@code badDigest400}, a malformed digest answers 400.
   */
  public static void servesDocuments(URI base, Signed s, boolean badDigest400) throws Exception {
    for (Map.Entry<RawManifest, List<RawManifest>> e : expected(s).entrySet()) {
      String path = "/v2/app/referrers/" + e.getKey().digest();
      for (String query : List.of("", "?artifactType=" + Artifacts.SPDX.replace("/", "%2F"))) {
        for (String method : List.of("GET", "HEAD")) {
          HttpResponse<byte[]> r = RegistryChecks.send(base, method, path + query, Map.of("Accept", MediaType.OCI_INDEX));
          String what = method + " " + path + query;
          assertEquals(200, r.statusCode(), what);
          assertEquals(List.of(MediaType.OCI_INDEX), r.headers().allValues("Content-Type"), what + ": the exact Content-Type");
          assertFalse(r.headers().firstValue("OCI-Filters-Applied").isPresent(), what + ": no filter is ever applied");
          if (method.equals("GET") && e.getValue().isEmpty()) {
            assertEquals(EMPTY, new String(r.body(), StandardCharsets.UTF_8), what);
          }
          if (method.equals("GET") && !e.getValue().isEmpty()) {
            HttpResponse<byte[]> tag = RegistryChecks.send(base, "GET", "/v2/app/manifests/sha256-" + e.getKey().digest().hex(),
                Map.of("Accept", MediaType.OCI_INDEX));
            assertArrayEquals(r.body(), tag.body(), what + ": the fallback tag holds the same bytes");
            assertEquals(List.of(MediaType.OCI_INDEX), tag.headers().allValues("Content-Type"), what + " fallback tag Content-Type");
          }
        }
      }
    }
    if (badDigest400) {
      for (String bad : List.of("sha256:abc", "latest", "sha256:" + "A".repeat(64))) {
        HttpResponse<byte[]> r = RegistryChecks.send(base, "GET", "/v2/app/referrers/" + bad, Map.of());
        assertEquals(400, r.statusCode(), "a malformed digest: " + bad);
      }
    }
  }

  /**
   * skopeo copies cosign's classic signature tag with its digest, and the fallback tag of the index with every
   * artifact it lists, each byte-identical. skopeo 1.9 (containers/image 5.23) does not know {@code artifactType} in
   * an index entry: it rewrites the index without it, so that copy cannot preserve the index's own digest.
   */
  public static void skopeoCopiesFallbackAndCosignTags(Path skopeo, String registry, Signed s, Path work) throws Exception {
    Path cosign = work.resolve("skopeo-cosign-tag");
    Processes.ok(work, 120, List.of(skopeo.toString(), "copy", "--all", "--preserve-digests", "--src-tls-verify=false",
        "docker://" + registry + "/app:" + s.cosignTagName(), "dir:" + cosign));
    assertEquals(s.cosignTag().digest(), Digest.sha256(Files.readAllBytes(cosign.resolve("manifest.json"))), s.cosignTagName());
    for (String blob : s.cosignTag().blobs()) {
      assertEquals(blob, Digest.sha256(Files.readAllBytes(cosign.resolve(Digest.parse(blob).hex()))).toString());
    }
    Path fallback = work.resolve("skopeo-fallback-tag");
    String tag = "sha256-" + s.index().digest().hex();
    Processes.ok(work, 120, List.of(skopeo.toString(), "copy", "--all", "--src-tls-verify=false",
        "docker://" + registry + "/app:" + tag, "dir:" + fallback));
    RawManifest top = RawManifest.parse(Files.readAllBytes(fallback.resolve("manifest.json")));
    assertEquals(new TreeSet<>(List.of(s.signature().digest().toString(), s.configTyped().digest().toString())),
        new TreeSet<>(top.children().stream().map(c -> c.digest).toList()), tag);
    for (RawManifest artifact : List.of(s.signature(), s.configTyped())) {
      assertArrayEquals(artifact.bytes(), Files.readAllBytes(fallback.resolve(artifact.digest().hex() + ".manifest.json")),
          tag + ": " + artifact.digest());
      for (String blob : artifact.blobs()) {
        assertEquals(blob, Digest.sha256(Files.readAllBytes(fallback.resolve(Digest.parse(blob).hex()))).toString());
      }
    }
  }

  private static Set<String> digests(List<ManifestDescriptor> list) {
    return new TreeSet<>(list.stream().map(ManifestDescriptor::getDigest).toList());
  }
}
