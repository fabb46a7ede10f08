package dev.registrish.tree;

import dev.registrish.oci.Digest;
import java.nio.file.Path;

/** A blob file of the tree: its path, size and the digest its name claims. */
public record BlobFile(Path path, long size, Digest digest) {}
