package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.nio.file.Path;

/**
 * One object of the published registry: its key, size, content, digest and headers.
 *
 * @param manifest the parsed manifest of a manifest or tag whose bytes are here (a referrers document's index), else null
 */
public record TreeObject(RegistryKey key, long size, Content content, Digest digest, RawManifest manifest,
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

  /** The file holding the bytes, or null. */
  public Path file() {
    return content.file();
  }

  /** The bytes in memory (manifests, tags, derived documents), or null. */
  public byte[] bytes() {
    return content.bytes();
  }

  @Override
  public int compareTo(TreeObject other) {
    return key.compareTo(other.key);
  }
}
