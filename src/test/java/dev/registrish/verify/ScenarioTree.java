package dev.registrish.verify;

import dev.registrish.oci.RawManifest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Path;
import java.util.List;

/**
 * The tree the fault table publishes: {@code app:v1} and {@code app:v2} (OCI, one platform, a
 * shared base layer), {@code multi:latest} (an OCI index of two platforms) and
 * {@code legacy/web:1.0} (Docker schema2 types).
 */
final class ScenarioTree {
  final Tree tree;
  final List<TreeObject> objects;

  private ScenarioTree(Tree tree) {
    this.tree = tree;
    this.objects = TreeObjects.of(tree, HeaderRules.defaults(), null);
  }

  static ScenarioTree write(Path root) throws Exception {
    SyntheticImages images = new SyntheticImages(root, 42);
    List<byte[]> base = List.of(images.layer("base", 256));
    images.image("app", "v1", List.of("linux/amd64"), 1, base);
    images.image("app", "v2", List.of("linux/amd64"), 1, base);
    images.image("multi", "latest", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    new SyntheticImages(root, 7).docker(true).image("legacy/web", "1.0", List.of("linux/amd64"), 2, List.of());
    return new ScenarioTree(TreeScanner.scan(root));
  }

  /** The manifest a tag names in the tree. */
  RawManifest tag(String repo, String tag) {
    return tree.repositories().get(repo).tags().get(tag).manifest();
  }
}
