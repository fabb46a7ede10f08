package dev.registrish.tree;

import dev.registrish.oci.RawManifest;
import java.nio.file.Path;

/** A manifest file of the tree (by digest or by tag) with its parsed bytes. */
public record ManifestFile(Path path, RawManifest manifest) {}
