package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.testing.Artifacts;
import dev.registrish.testing.Cli;
import dev.registrish.testing.OciLayouts;
import dev.registrish.testing.SignedTrees;
import dev.registrish.testing.SignedTrees.Signed;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} from an OCI layout that holds signed images: the artifacts whose subject is an imported manifest come
 * along, whether index.json lists them or only {@code blobs/} holds them; cosign's tags import like any tag; {@code ls}
 * lists each image's referrers.
 */
class ImporterReferrersTest {
  @TempDir Path work;
  Path layout;
  Path tree;
  Signed signed;

  /**
   * A layout of {@link SignedTrees}' {@code app}: index.json names {@code v1} and cosign's signature tag and lists the
   * SBOM without a name; the other artifacts are only in {@code blobs/}.
   */
  @BeforeEach
  void layout() throws Exception {
    Path source = work.resolve("source");
    signed = SignedTrees.write(source);
    layout = work.resolve("layout");
    OciLayouts.write(TreeScanner.scan(source).repositories().get("app"), "v1", layout);
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + entry(signed.index(), "v1") + ","
        + entry(signed.cosignTag(), signed.cosignTagName()) + "," + entry(signed.sbom(), null) + "]}");
    tree = work.resolve("tree");
  }

  static String entry(RawManifest m, String name) {
    return "{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.bytes().length
        + (name == null ? "" : ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + name + "\"}") + "}";
  }

  Cli.Run importLayout(String... extra) {
    List<String> args = new ArrayList<>(List.of("import", "--tree", tree.toString(), layout.toString(), "--image", "app"));
    args.addAll(List.of(extra));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.exit(), run.toString());
    return run;
  }

  boolean inTree(RawManifest m) {
    return Files.isRegularFile(tree.resolve(RegistryKey.manifest("app", m.digest()).path()));
  }

  @Test
  void import_ociLayout_bringsEveryArtifactOfTheImportedImageListedOrNot() throws Exception {
    Cli.Run run = importLayout();
    assertTrue(run.out().contains("note: app: 5 referrer(s) imported with their subjects (1 " + Artifacts.SPDX + ", 2 "
        + Artifacts.BUNDLE + ", 1 " + Artifacts.CONFIG_TYPED + ", 1 " + MediaType.OCI_INDEX + ")"), run.out());
    assertTrue(run.out().contains("app:v1 " + signed.index().digest() + " new"), run.out());
    assertTrue(run.out().contains("app:" + signed.cosignTagName() + " " + signed.cosignTag().digest() + " new"),
        "cosign's tag imports like any tag: " + run.out());
    for (RawManifest m : signed.referrers()) {
      assertTrue(inTree(m), "imported: " + m.digest());
      for (String blob : m.blobs()) {
        assertTrue(Files.isRegularFile(tree.resolve("v2/app/blobs/" + blob)), m.digest() + " blob " + blob);
      }
    }
    Map<String, byte[]> imported = documents(tree);
    Map<String, byte[]> original = documents(work.resolve("source"));
    for (RawManifest subject : List.of(signed.index(), signed.amd64(), signed.sbom(), signed.arm64())) {
      String key = RegistryKey.referrers("app", subject.digest()).path();
      assertArrayEquals(original.get(key), imported.get(key), "the same referrers as in the source: " + key);
    }
  }

  @Test
  void import_onePlatform_bringsOnlyTheArtifactsOfWhatItImports() throws Exception {
    Cli.Run run = importLayout("--tag", "v1", "--platform", "linux/amd64");
    assertTrue(run.out().contains("app:v1 " + signed.amd64().digest() + " new"), run.out());
    assertTrue(inTree(signed.sbom()) && inTree(signed.sbomSignature()), "amd64's SBOM and the SBOM's signature");
    for (RawManifest m : List.of(signed.signature(), signed.configTyped(), signed.indexArtifact())) {
      assertFalse(inTree(m), "an artifact of what was left out: " + m.digest());
    }
  }

  @Test
  void ls_importedSignedImage_listsItsReferrersByTypeAndDigest() throws Exception {
    importLayout();
    Cli.Run ls = Cli.run("ls", "--tree", tree.toString());
    assertEquals(0, ls.exit(), ls.toString());
    List<String> lines = ls.out().lines().toList();
    int v1 = index(lines, "app:v1 ");
    assertTrue(lines.get(v1).contains("oci-index") && lines.get(v1).contains("linux/amd64,linux/arm64"), ls.out());
    List<String> below = lines.subList(v1 + 1, lines.size());
    assertRow(below, "  referrer", signed.signature().digest() + " ", Artifacts.BUNDLE, ls.out());
    assertRow(below, "  referrer", signed.configTyped().digest() + " ", Artifacts.CONFIG_TYPED, ls.out());
    assertRow(below, "  referrer", signed.sbom().digest() + " ", Artifacts.SPDX + "  on linux/amd64", ls.out());
    assertRow(below, "    referrer", signed.sbomSignature().digest() + " ", Artifacts.BUNDLE, ls.out());
    assertRow(below, "  referrer", signed.indexArtifact().digest() + " ", "oci-index  on linux/arm64", ls.out());
    assertTrue(index(lines, "app:" + signed.cosignTagName()) >= 0, ls.out());
  }

  static int index(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  static void assertRow(List<String> lines, String indent, String digest, String rest, String out) {
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(indent + " ") && l.substring(indent.length()).stripLeading()
        .startsWith(digest) && l.replaceAll(" +", " ").contains(rest.replaceAll(" +", " "))),
        indent + "referrer " + digest + rest + " in:\n" + out);
  }

  static Map<String, byte[]> documents(Path root) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    for (TreeObject o : TreeObjects.of(TreeScanner.scan(root), HeaderRules.defaults(), null)) {
      if (o.kind() == RegistryKey.Kind.REFERRERS) {
        out.put(o.path(), o.bytes());
      }
    }
    return out;
  }
}
