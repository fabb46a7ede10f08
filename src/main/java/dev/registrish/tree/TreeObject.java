package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.nio.file.Path;

/**
 * One object of the published registry: its key below the prefix (e.g. {@code v2/app/manifests/v1}),
 * kind, repository, size, content (a file or bytes in memory), digest and headers.
 *
 * @param file the file holding the bytes, or null for bytes in memory
 * @param bytes the bytes for manifests, tags and derived documents, or null for blobs
 * @param manifest the parsed manifest for {@link ObjectKind#MANIFEST} and {@link ObjectKind#TAG}
 */
public record TreeObject(String key, ObjectKind kind, String repository, long size, Path file, byte[] bytes,
    Digest digest, RawManifest manifest, ObjectHeaders headers) implements Comparable<TreeObject> {

  /** The tag name of a {@link ObjectKind#TAG} object. */
  public String tag() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  @Override
  public int compareTo(TreeObject other) {
    return key.compareTo(other.key);
  }
}
