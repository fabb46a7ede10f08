package dev.registrish.oci;

/**
 * Media types of manifests and indexes, and the rule that names the type of a manifest's bytes.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/media-types.md">OCI media types</a>
 */
public final class MediaType {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
  public static final String SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String OCTET_STREAM = "application/octet-stream";
  public static final String JSON = "application/json";

  private MediaType() {}

  /**
   * The Content-Type a manifest is served with: its {@code mediaType} field, or else by structure
   * ({@code manifests[]} is an OCI index, {@code config}+{@code layers} an OCI manifest,
   * {@code schemaVersion: 1} schema1, signed or not). Never schema1 for an OCI document.
   */
  public static String of(ManifestTemplate manifest) {
    if (manifest.mediaType != null && !manifest.mediaType.isBlank()) {
      if (!isManifestType(manifest.mediaType)) {
        throw new IllegalArgumentException("mediaType '" + printable(manifest.mediaType) + "' is not a manifest or index type"
            + " (accepted: OCI and Docker manifests and indexes, Docker schema1; an OCI artifact is an OCI manifest with artifactType)");
      }
      return manifest.mediaType;
    }
    if (manifest.schemaVersion != null && manifest.schemaVersion == 1) {
      return manifest.signatures != null && !manifest.signatures.isEmpty() ? SCHEMA1_SIGNED : SCHEMA1;
    }
    if (manifest.manifests != null) {
      return OCI_INDEX;
    }
    if (manifest.config != null || manifest.layers != null) {
      return OCI_MANIFEST;
    }
    throw new IllegalArgumentException("neither a manifest nor an index (no mediaType, manifests, config or layers)");
  }

  /** A value as messages quote it: control characters replaced, at most 100 characters. */
  private static String printable(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
  }

  /** Whether a type names an index (a list of manifests). */
  public static boolean isIndex(String type) {
    return OCI_INDEX.equals(type) || DOCKER_LIST.equals(type);
  }

  /** Whether a type names a manifest or an index, as opposed to a blob. */
  public static boolean isManifestType(String type) {
    return isIndex(type) || OCI_MANIFEST.equals(type) || DOCKER_MANIFEST.equals(type)
        || SCHEMA1.equals(type) || SCHEMA1_SIGNED.equals(type);
  }
}
