package dev.registrish.cli;

import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --tree} option shared by commands that read a local tree. */
final class TreeOptions {
  @Option(names = "--tree", paramLabel = "DIR", defaultValue = ".",
      description = "The folder that holds v2/ (default: the current folder).")
  Path tree;

  /** Scans and validates the tree, as an absolute path. */
  Tree scan() throws InvalidTreeException, IOException {
    return TreeScanner.scan(tree.toAbsolutePath().normalize());
  }

  /** Every object the tree publishes, with the default header rules. */
  static List<TreeObject> objects(Tree tree, HeaderRules rules) {
    return TreeObjects.of(tree, rules, null);
  }
}
