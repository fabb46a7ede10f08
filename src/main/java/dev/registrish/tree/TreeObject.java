package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.nio.file.Path;

/**
 * One object of the published registry: its key, size, content (a file or bytes in memory), digest and headers.
 *
 * @param file the file holding the bytes, or null for bytes in memory
 * @param bytes the bytes for manifests, tags and derived documents, or null for blobs
 * @param manifest the parsed manifest of a manifest or tag
 */
public record TreeObject(RegistryKey key, long size, Path file, byte[] bytes, Digest digest, RawManifest manifest,
    ObjectHeaders headers) implements Comparable<TreeObject> {

  public RegistryKey.Kind kind() {
    return key.kind();
  }

  /** The repository, or null for the ping and the catalog. */
  public String repository() {
    return key.repository();
  }

  /** The key as stored below the prefix, e.g. {@code v2/app/manifests/v1}. */
  public String path() {
    return key.path();
  }

  /** The tag name of a tag. */
  public String tag() {
    return key.reference();
  }

  @Override
  public int compareTo(TreeObject other) {
    return key.compareTo(other.key);
  }
}
