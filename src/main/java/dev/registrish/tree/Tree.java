package dev.registrish.tree;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/** A scanned and validated v2 tree: the folder that holds {@code v2/}, its repositories, and what was skipped. */
public record Tree(Path root, SortedMap<String, RepositoryTree> repositories, List<Path> skipped) {
  public Tree {
    repositories = Collections.unmodifiableSortedMap(repositories);
    skipped = List.copyOf(skipped);
  }
}
