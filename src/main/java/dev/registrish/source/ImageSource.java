package dev.registrish.source;

import dev.registrish.oci.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An image importer's input: a content store of manifests and blobs by digest, plus the images it
 * names. Implementations: a skopeo {@code dir:} folder, an OCI image layout (folder or tar), a
 * {@code docker save} archive. Everything read is checked against the digest it is named by.
 */
public interface ImageSource extends Closeable {
  /** What the source is, for messages, e.g. {@code OCI image layout /in/app}. */
  String describe();

  /** The images the source holds. */
  List<SourceImage> images() throws IOException, ImportException;

  /** Whether the source holds content (a manifest or a blob) for the digest. */
  boolean contains(Digest digest) throws IOException, ImportException;

  /** A manifest's bytes, checked against digest and size (null when unknown). */
  byte[] manifest(Digest digest, Long size) throws IOException, ImportException;

  /** Copies a blob to {@code target}, checked against digest and size (null when unknown). */
  void copyBlob(Digest digest, Long size, Path target) throws IOException, ImportException;

  /**
   * Whether an index may list platforms whose content the source leaves out (Docker's containerd
   * image store exports such indexes); those platforms are then skipped instead of refused.
   */
  default boolean partialIndexes() {
    return false;
  }

  /**
   * The manifests the source holds whose {@code subject} is {@code subject} (signatures, SBOMs, attestations), sorted;
   * none for a source that cannot hold artifacts.
   */
  default List<Digest> referrers(Digest subject) throws IOException, ImportException {
    return List.of();
  }

  /** Things the user should know about what was read or left out. */
  List<String> notes();
}
