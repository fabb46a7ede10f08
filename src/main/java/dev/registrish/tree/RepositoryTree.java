package dev.registrish.tree;

import dev.registrish.oci.Digest;
import java.util.SortedMap;
import java.util.TreeMap;

/** One repository of a tree: blobs and manifests by digest, and tags. */
public final class RepositoryTree {
  private final String name;
  final SortedMap<String, BlobFile> blobs = new TreeMap<>();
  final SortedMap<String, ManifestFile> manifests = new TreeMap<>();
  final SortedMap<String, ManifestFile> tags = new TreeMap<>();

  RepositoryTree(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Blobs keyed by their digest string. */
  public SortedMap<String, BlobFile> blobs() {
    return blobs;
  }

  /** Manifests keyed by their digest string. */
  public SortedMap<String, ManifestFile> manifests() {
    return manifests;
  }

  /** Tag files keyed by tag. */
  public SortedMap<String, ManifestFile> tags() {
    return tags;
  }

  /** The manifest a digest names, or null. */
  public ManifestFile manifest(Digest digest) {
    return manifests.get(digest.toString());
  }
}
