package dev.registrish.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The input formats {@code registrish import} reads, as skopeo names their transports. */
public enum SourceFormat {
  /** A skopeo {@code dir:} folder. */
  DIR("skopeo dir: folder"),
  /** An OCI image layout folder. */
  OCI("OCI image layout"),
  /** An OCI image layout in a tar (optionally gzip'd). */
  OCI_ARCHIVE("OCI image layout archive"),
  /** A {@code docker save} tarball: the classic layout, or Docker 25+'s with an embedded OCI layout. */
  DOCKER_ARCHIVE("docker save archive");

  private final String label;

  SourceFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The format as typed on the command line: {@code dir}, {@code oci}, {@code oci-archive}, {@code docker-archive}. */
  public static SourceFormat parse(String value) {
    for (SourceFormat f : values()) {
      if (f.name().replace('_', '-').equalsIgnoreCase(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + value + "' (dir, oci, oci-archive or docker-archive)");
  }

  @Override
  public String toString() {
    return name().toLowerCase().replace('_', '-');
  }

  /** The format of a folder, or null for a file (an archive, told apart by its contents). */
  static SourceFormat detect(Path source) throws IOException, ImportException {
    if (Files.isDirectory(source)) {
      if (Files.isRegularFile(source.resolve("oci-layout"))) {
        return OCI;
      }
      if (Files.isRegularFile(source.resolve("manifest.json"))) {
        byte first = firstNonBlank(source.resolve("manifest.json"));
        return first == '[' ? DOCKER_ARCHIVE : DIR;
      }
      throw new ImportException(source + ": neither a skopeo dir: folder (manifest.json), an OCI image layout (oci-layout) "
          + "nor an unpacked docker save archive; name the format with --format");
    }
    if (!Files.isRegularFile(source)) {
      throw new ImportException(source + ": no such file or folder");
    }
    return null;
  }

  private static byte firstNonBlank(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      for (int b; (b = in.read()) >= 0; ) {
        if (!Character.isWhitespace(b)) {
          return (byte) b;
        }
      }
    }
    return 0;
  }
}
