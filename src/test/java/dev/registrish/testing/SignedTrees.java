package dev.registrish.testing;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.source.SyntheticImages;
import java.nio.file.Path;
import java.util.List;

/** A tree whose images carry signatures, SBOMs and other artifacts, as a signed registry holds them. */
public final class SignedTrees {
  private SignedTrees() {}

  /**
   * What {@link #write} made, in repository {@code app}: {@code app:v1} (an index, amd64 and arm64), its cosign 3
   * signature, an SBOM of amd64 with its own signature (an artifact of an artifact), an artifact typed by its config
   * on the index, an index artifact on arm64 (listing {@code app:v2}), and cosign's classic {@code sha256-<hex>.sig} tag of the index;
   * {@code app:v2} and {@code tools/x:1} have no referrers.
   */
  public record Signed(RawManifest index, RawManifest amd64, RawManifest arm64, RawManifest v2, RawManifest signature,
      RawManifest sbom, RawManifest sbomSignature, RawManifest configTyped, RawManifest indexArtifact, RawManifest cosignTag,
      Digest tool) {

    /** Every artifact with a subject, as the referrers API lists them for their subjects. */
    public List<RawManifest> referrers() {
      return List.of(signature, sbom, sbomSignature, configTyped, indexArtifact);
    }

    /** The tag cosign's classic scheme signs the index under. */
    public String cosignTagName() {
      return "sha256-" + index.digest().hex() + ".sig";
    }
  }

  /** Writes the scenario into the tree at {@code root}. */
  public static Signed write(Path root) throws Exception {
    Digest v1 = new SyntheticImages(root, 42).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    Digest v2 = new SyntheticImages(root, 43).image("app", "v2", List.of("linux/amd64"), 1, List.of());
    Digest tool = new SyntheticImages(root, 44).image("tools/x", "1", List.of("linux/amd64"), 1, List.of());
    Artifacts app = new Artifacts(root, "app");
    RawManifest index = app.read(v1);
    RawManifest amd64 = app.read(Digest.parse(index.children().get(0).digest));
    RawManifest arm64 = app.read(Digest.parse(index.children().get(1).digest));
    RawManifest signature = app.signature(index, "index");
    RawManifest sbom = app.sbom(amd64);
    RawManifest sbomSignature = app.signature(sbom, "sbom");
    RawManifest configTyped = app.configTyped(index);
    RawManifest single = app.read(v2);
    RawManifest indexArtifact = app.index(arm64, single);
    RawManifest cosign = app.cosignTag(index);
    return new Signed(index, amd64, arm64, single, signature, sbom, sbomSignature, configTyped, indexArtifact, cosign, tool);
  }
}
