package dev.registrish.hosting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.registrish.oci.Json;
import dev.registrish.oci.MediaType;
import dev.registrish.testing.SampleTrees;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.tree.ReferrersTest;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Netlify's {@code _headers} and {@code _redirects}, parsed by Netlify's documented syntax and compared with the header rules. */
class NetlifyConfigTest {
  @TempDir Path root;

  /** Parses {@code _headers}: a path line, then indented {@code Name: value} lines; {@code #} starts a comment. */
  static Map<String, Map<String, String>> parseHeaders(List<String> lines) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : lines) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        assertTrue(line.startsWith("/"), "a path line starts with /: " + line);
        current = new LinkedHashMap<>();
        if (out.put(line.strip(), current) != null) {
          fail("path listed twice: " + line);
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (current == null || colon < 0) {
        fail("a header line needs a path above it and 'Name: value': " + line);
      }
      current.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return out;
  }

  @Test
  void write_headersMatchTheRulesForEveryObject() throws Exception {
    SampleTrees.hostingScenario(root);
    List<TreeObject> objects = TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null);
    NetlifyConfig.write(root, objects);
    var headers = parseHeaders(Files.readAllLines(root.resolve("_headers")));
    for (TreeObject o : objects) {
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("Content-Type", o.headers().contentType());
      expected.put("Cache-Control", o.headers().cacheControl());
      if (o.headers().dockerContentDigest() != null) {
        expected.put("Docker-Content-Digest", o.headers().dockerContentDigest());
      }
      assertEquals(expected, headers.get("/" + o.path()), o.path());
    }
    assertEquals("application/vnd.docker.distribution.manifest.v2+json", headers.get("/v2/app/manifests/1.0.gz").get("Content-Type"));
    assertEquals("application/vnd.oci.image.index.v1+json", headers.get("/v2/app/manifests/v1.json").get("Content-Type"));
    // The tree still scans: generated files are skipped, and derived tags/list agree with the rules.
    assertEquals(objects.size(), TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null).size());
  }

  @Test
  void write_redirectsPointAtRegistryDocuments() throws Exception {
    SampleTrees.hostingScenario(root);
    List<TreeObject> objects = TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null);
    NetlifyConfig.write(root, objects);
    Map<String, String[]> rules = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("_redirects"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      assertEquals(3, f.length, "from, to, status: " + line);
      assertTrue(Files.isRegularFile(root.resolve(f[1].substring(1))), "target exists: " + line);
      rules.put(f[0], f);
    }
    assertEquals("200", rules.get("/v2/")[2]);
    assertEquals("{}", Files.readString(root.resolve(rules.get("/v2/")[1].substring(1))));
    assertEquals("MANIFEST_UNKNOWN", code(rules.get("/v2/app/manifests/*")));
    assertEquals("BLOB_UNKNOWN", code(rules.get("/v2/library/tool/blobs/*")));
    assertEquals("404", rules.get("/v2/app/blobs/*")[2]);
    assertEquals("{\"name\":\"app\",\"tags\":[\"1.0.gz\",\"v1.json\"]}", Files.readString(root.resolve("v2/app/tags/list")));
  }

  @Test
  void write_referrers_fallbackTagsRewrittenToTheirDocumentsAndOtherDigestsToTheEmptyIndex() throws Exception {
    Signed signed = SignedTrees.write(root);
    List<TreeObject> objects = TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null);
    NetlifyConfig.write(root, objects);
    List<String> lines = Files.readAllLines(root.resolve("_redirects"));
    Map<String, String[]> rules = new LinkedHashMap<>();
    lines.stream().filter(l -> l.startsWith("/")).forEach(l -> rules.put(l.split("\\s+")[0], l.trim().split("\\s+")));
    for (TreeObject o : objects) {
      if (o.kind() == Kind.REFERRERS_TAG || o.kind() == Kind.MANIFEST && !Files.exists(root.resolve(o.path()))) {
        String[] rule = rules.get("/" + o.path());
        assertEquals("200", rule[2], o.path());
        assertArrayEquals(o.bytes(), Files.readAllBytes(root.resolve(rule[1].substring(1))), o.path() + " is served from " + rule[1]);
      }
    }
    String[] empty = rules.get("/v2/app/referrers/*");
    assertEquals("200", empty[2]);
    assertEquals(ReferrersTest.EMPTY, Files.readString(root.resolve(empty[1].substring(1))));
    assertTrue(lines.indexOf(String.join("  ", empty)) < lines.indexOf(String.join("  ", rules.get("/v2/app/manifests/*"))));
    var headers = parseHeaders(Files.readAllLines(root.resolve("_headers")));
    assertEquals(MediaType.OCI_INDEX, headers.get("/" + RegistryKey.referrers("app", signed.index().digest()).path()).get("Content-Type"));
    assertEquals(MediaType.OCI_INDEX, headers.get(empty[1]).get("Content-Type"));
    assertEquals("public, max-age=60", headers.get(empty[1]).get("Cache-Control"));
  }

  private String code(String[] rule) throws Exception {
    return Json.MAPPER.readTree(root.resolve(rule[1].substring(1)).toFile()).get("errors").get(0).get("code").asText();
  }
}
