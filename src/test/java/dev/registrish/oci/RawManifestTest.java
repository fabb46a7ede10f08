package dev.registrish.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RawManifestTest {
  static byte[] fixture(String name) throws IOException {
    try (InputStream in = RawManifestTest.class.getResourceAsStream("/manifests/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0} is served as {1}")
  @CsvSource({
      "docker-manifest.json, application/vnd.docker.distribution.manifest.v2+json",
      "docker-list.json, application/vnd.docker.distribution.manifest.list.v2+json",
      "oci-manifest.json, application/vnd.oci.image.manifest.v1+json",
      "oci-manifest-no-mediatype.json, application/vnd.oci.image.manifest.v1+json",
      "oci-index.json, application/vnd.oci.image.index.v1+json",
      "oci-index-no-mediatype.json, application/vnd.oci.image.index.v1+json",
      "oci-artifact-with-subject.json, application/vnd.oci.image.manifest.v1+json",
      "schema1-signed.json, application/vnd.docker.distribution.manifest.v1+prettyjws",
      "schema1-unsigned.json, application/vnd.docker.distribution.manifest.v1+json",
  })
  void mediaType_byFieldOrStructure(String fixture, String expected) throws Exception {
    assertEquals(expected, RawManifest.parse(fixture(fixture)).mediaType());
  }

  @Test
  void parse_keepsBytesAndDigestsThem() throws Exception {
    byte[] bytes = fixture("schema1-signed.json");
    RawManifest m = RawManifest.parse(bytes);
    assertTrue(m.bytes() == bytes, "bytes are kept as read, never re-serialized");
    assertEquals(Digest.sha256(bytes), m.digest());
  }

  @Test
  void references_ofManifestIndexAndSchema1() throws Exception {
    String a = Digest.sha256("a".getBytes()).toString();
    String b = Digest.sha256("b".getBytes()).toString();
    String c = Digest.sha256("c".getBytes()).toString();
    assertEquals(List.of(a, b), RawManifest.parse(fixture("oci-manifest.json")).blobs());
    assertEquals(List.of(b), RawManifest.parse(fixture("schema1-unsigned.json")).blobs());
    RawManifest index = RawManifest.parse(fixture("docker-list.json"));
    assertTrue(index.isIndex());
    assertEquals(c, index.children().get(0).digest);
  }

  @Test
  void parse_truncatedJson_saysSo() throws Exception {
    var e = assertThrows(InvalidManifestException.class, () -> RawManifest.parse(fixture("truncated.json")));
    assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
  }

  @Test
  void parse_badDigest_namesIt() throws Exception {
    var e = assertThrows(InvalidManifestException.class, () -> RawManifest.parse(fixture("bad-digest.json")));
    assertTrue(e.getMessage().contains("md5:abc"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({
      "html-media-type.json, mediaType 'text/html' is not a manifest or index type",
      "config-media-type.json, mediaType 'application/vnd.oci.image.config.v1+json' is not a manifest or index type",
  })
  void parse_mediaTypeNotAManifestOrIndex_refused(String fixture, String expected) {
    var e = assertThrows(InvalidManifestException.class, () -> RawManifest.parse(fixture(fixture)));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @ParameterizedTest(name = "{0} bytes: accepted {1}")
  @CsvSource({"4194304, true", "4194305, false"})
  void parse_sizeCapAtFourMiB(int size, boolean accepted) throws Exception {
    byte[] manifest = fixture("oci-manifest.json");
    byte[] padded = new byte[size];
    Arrays.fill(padded, (byte) ' ');
    System.arraycopy(manifest, 0, padded, 0, manifest.length);
    if (accepted) {
      assertEquals(size, RawManifest.parse(padded).bytes().length);
    } else {
      var e = assertThrows(InvalidManifestException.class, () -> RawManifest.parse(padded));
      assertEquals(size + " bytes, more than the 4 MiB a manifest may have (registries refuse larger ones)", e.getMessage());
    }
  }

  @Test
  void parse_notAManifest_saysSo() {
    var e = assertThrows(InvalidManifestException.class, () -> RawManifest.parse("{\"hello\":1}".getBytes()));
    assertTrue(e.getMessage().contains("neither a manifest nor an index"), e.getMessage());
  }
}
