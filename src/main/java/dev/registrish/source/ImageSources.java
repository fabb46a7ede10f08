package dev.registrish.source;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a source folder or archive as an {@link ImageSource}, detecting its format when not given. */
public final class ImageSources {
  private ImageSources() {}

  /**
   * Opens {@code source}; {@code format} may be null to detect it. {@code scratch} is a folder the
   * source may use for decompressed or converted content (on the tree's file system, so it moves cheaply).
   */
  public static ImageSource open(Path source, SourceFormat format, Path scratch) throws IOException, ImportException {
    SourceFormat detected = SourceFormat.detect(source);
    if (detected != null) {
      if (format != null && format != SourceFormat.DIR && format != SourceFormat.OCI && format != SourceFormat.DOCKER_ARCHIVE) {
        throw new ImportException(source + ": is a folder, but --format " + format + " names an archive");
      }
      SourceFormat f = format != null ? format : detected;
      return switch (f) {
        case DIR -> new SkopeoDirSource(source);
        case DOCKER_ARCHIVE -> archive(new FolderFiles(source), source, scratch);
        default -> new OciLayoutSource(new FolderFiles(source), SourceFormat.OCI.label() + " " + source, false);
      };
    }
    if (format == SourceFormat.DIR || format == SourceFormat.OCI) {
      throw new ImportException(source + ": is a file, but --format " + format + " names a folder");
    }
    TarFiles tar = TarFiles.open(source, scratch);
    try {
      if (format == SourceFormat.OCI_ARCHIVE || (format == null && tar.isFile("oci-layout") && !tar.isFile("manifest.json"))) {
        return new OciLayoutSource(tar, SourceFormat.OCI_ARCHIVE.label() + " " + source, false);
      }
      if (format == SourceFormat.DOCKER_ARCHIVE || tar.isFile("manifest.json")) {
        return archive(tar, source, scratch);
      }
    } catch (IOException | ImportException | RuntimeException e) {
      tar.close();
      throw e;
    }
    tar.close();
    throw new ImportException(source + ": a tar archive without oci-layout or manifest.json, so neither an OCI "
        + "image layout nor a docker save archive");
  }

  /** A docker save archive: Docker 25+ embeds an OCI layout (registry digests kept), older ones only manifest.json. */
  private static ImageSource archive(SourceFiles files, Path source, Path scratch) throws IOException, ImportException {
    String label = SourceFormat.DOCKER_ARCHIVE.label() + " " + source;
    if (files.isFile("oci-layout") && files.isFile("index.json")) {
      return new OciLayoutSource(files, label, true);
    }
    return new DockerSaveSource(files, label, scratch);
  }
}
