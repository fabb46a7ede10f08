package dev.registrish.upstream;

import dev.registrish.source.SyntheticImages;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Path;
import java.util.List;

/** Images to push upstream: {@link SyntheticImages} written into a tree of their own, read back as a repository. */
final class Images {
  private Images() {}

  /** A multi-platform OCI image (an index over amd64 and arm64) tagged {@code tag} in repository {@code repo}. */
  static RepositoryTree index(Path work, String repo, String tag, long seed) throws Exception {
    Path root = work.resolve("tree-" + seed);
    new SyntheticImages(root, seed).image(repo, tag, List.of("linux/amd64", "linux/arm64"), 2, List.of());
    return TreeScanner.scan(root).repositories().get(repo);
  }

  /** A multi-platform Docker image (a manifest list over amd64 and arm64). */
  static RepositoryTree dockerList(Path work, String repo, String tag, long seed) throws Exception {
    Path root = work.resolve("tree-" + seed);
    new SyntheticImages(root, seed).docker(true).image(repo, tag, List.of("linux/amd64", "linux/arm64"), 1, List.of());
    return TreeScanner.scan(root).repositories().get(repo);
  }

  /** A single-platform OCI image whose two layers hold {@code layerBytes} random bytes each. */
  static RepositoryTree single(Path work, String repo, String tag, long seed, int layerBytes) throws Exception {
    Path root = work.resolve("tree-" + seed);
    new SyntheticImages(root, seed).layerBytes(layerBytes).image(repo, tag, List.of("linux/amd64"), 2, List.of());
    return TreeScanner.scan(root).repositories().get(repo);
  }
}
