package dev.registrish.sync;

import dev.registrish.tree.ObjectKind;
import dev.registrish.tree.TreeObject;
import java.util.Map;

/** The user metadata registrish keeps on objects: the sha256 of manifests, tags and derived documents. */
final class Metadata {
  static final String SHA256 = "sha256";

  private Metadata() {}

  static Map<String, String> of(TreeObject o) {
    return o.kind() == ObjectKind.BLOB ? Map.of() : Map.of(SHA256, o.digest().toString());
  }
}
