package dev.registrish.testing;

import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes OCI artifacts into one repository of a tree, shaped as signing and SBOM tools push them: a cosign 3
 * signature bundle and an SPDX SBOM (both with {@code artifactType}, the empty config and a {@code subject}),
 * an artifact typed only by its config, an index with a subject, and cosign's classic {@code sha256-<hex>.sig} tag.
 */
public final class Artifacts {
  public static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
  public static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String SPDX = "application/spdx+json";
  public static final String CONFIG_TYPED = "application/vnd.example.attestation.config.v1+json";
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String COSIGN_SIGNATURE = "dev.cosignproject.cosign/signature";
  public static final String CREATED = "org.opencontainers.image.created";

  private final Path root;
  private final String repository;

  public Artifacts(Path root, String repository) {
    this.root = root;
    this.repository = repository;
  }

  /** A cosign 3 signature of {@code subject}: a Sigstore bundle layer, as {@code cosign sign} writes it to the referrers API. */
  public RawManifest signature(RawManifest subject, String label) throws IOException {
    String bundle = "{\"mediaType\":\"" + BUNDLE + "\",\"verificationMaterial\":{},\"dsseEnvelope\":{\"payload\":\""
        + label + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"MEUCIQ" + label + "\"}]}}";
    return artifact(subject, BUNDLE, layer(BUNDLE, bundle), Map.of("dev.sigstore.bundle.content", "dsse-envelope",
        "dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1", CREATED, "2025-06-01T10:00:00Z"));
  }

  /** An SPDX SBOM of {@code subject}. */
  public RawManifest sbom(RawManifest subject) throws IOException {
    String spdx = "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"" + subject.digest() + "\",\"packages\":[]}";
    return artifact(subject, SPDX, layer(SPDX, spdx), Map.of(CREATED, "2025-06-01T10:00:01Z"));
  }

  /** An artifact without {@code artifactType}: its config's media type names it. */
  public RawManifest configTyped(RawManifest subject) throws IOException {
    String config = descriptor(CONFIG_TYPED, blob("{\"predicate\":\"provenance\"}"));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":" + config
        + ",\"layers\":[" + layer("application/vnd.in-toto+json", "{\"_type\":\"statement\"}") + "],\"subject\":"
        + reference(subject) + "}";
    return manifest(json);
  }

  /** An index with a subject and no {@code artifactType}: listed without one. */
  public RawManifest index(RawManifest subject, RawManifest... children) throws IOException {
    StringBuilder list = new StringBuilder();
    for (RawManifest c : children) {
      list.append(list.length() == 0 ? "" : ",").append(reference(c));
    }
    return manifest("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[" + list
        + "],\"subject\":" + reference(subject) + ",\"annotations\":{\"org.example.kind\":\"evidence\"}}");
  }

  /** cosign's classic signature of {@code subject}, without a subject, tagged {@code sha256-<hex>.sig}. */
  public RawManifest cosignTag(RawManifest subject) throws IOException {
    String payload = "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + subject.digest() + "\"},\"type\":"
        + "\"cosign container image signature\"},\"optional\":null}";
    Digest payloadDigest = blob(payload);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":"
        + descriptor("application/vnd.oci.image.config.v1+json", blob("{\"architecture\":\"\",\"os\":\"\",\"config\":{},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest + "\"]}}")) + ",\"layers\":[{\"mediaType\":\""
        + SIMPLE_SIGNING + "\",\"size\":" + payload.length() + ",\"digest\":\"" + payloadDigest + "\",\"annotations\":{\""
        + COSIGN_SIGNATURE + "\":\"MEYCIQDclassic\"}}]}";
    RawManifest m = manifest(json);
    tag(subject.digest().algorithm() + "-" + subject.digest().hex() + ".sig", m);
    return m;
  }

  /** Tags {@code m} in the repository. */
  public void tag(String tag, RawManifest m) throws IOException {
    TreeWriter.write(root.resolve(RegistryKey.tag(repository, tag).path()), m.bytes());
  }

  /** A manifest of the repository, read from the tree. */
  public RawManifest read(Digest digest) throws Exception {
    return RawManifest.parse(Files.readAllBytes(root.resolve(RegistryKey.manifest(repository, digest).path())));
  }

  private RawManifest artifact(RawManifest subject, String type, String layer, Map<String, String> annotations) throws IOException {
    StringBuilder a = new StringBuilder();
    new TreeMap<>(annotations).forEach((k, v) -> a.append(a.length() == 0 ? "" : ",").append('"').append(k).append("\":\"")
        .append(v).append('"'));
    return manifest("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":\"" + type
        + "\",\"config\":" + descriptor(EMPTY_CONFIG, blob("{}")) + ",\"layers\":[" + layer + "],\"subject\":"
        + reference(subject) + ",\"annotations\":{" + a + "}}");
  }

  private String layer(String type, String content) throws IOException {
    return descriptor(type, blob(content));
  }

  private Digest blob(String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(bytes);
    TreeWriter.write(root.resolve(RegistryKey.blob(repository, d).path()), bytes);
    return d;
  }

  private String descriptor(String type, Digest d) throws IOException {
    long size = Files.size(root.resolve(RegistryKey.blob(repository, d).path()));
    return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + d + "\",\"size\":" + size + "}";
  }

  private static String reference(RawManifest m) {
    return "{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.bytes().length + "}";
  }

  private RawManifest manifest(String json) throws IOException {
    try {
      RawManifest m = RawManifest.parse(json.getBytes(StandardCharsets.UTF_8));
      TreeWriter.write(root.resolve(RegistryKey.manifest(repository, m.digest()).path()), m.bytes());
      return m;
    } catch (InvalidManifestException e) {
      throw new IllegalStateException(e);
    }
  }
}
