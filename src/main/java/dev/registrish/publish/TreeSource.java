package dev.registrish.publish;

import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScan;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;

/**
 * A local tree as a publish's content: the selected repositories of a tree that may still be scanning,
 * and their objects (without the catalog), built once. Their keys also split the bucket's listing.
 */
public final class TreeSource implements ContentSource {
  private final TreeScan scan;
  private final RepositoryFilter filter;
  private final HeaderRules rules;
  private Tree tree;
  private List<TreeObject> objects;

  public TreeSource(TreeScan scan, RepositoryFilter filter, HeaderRules rules) {
    this.scan = scan;
    this.filter = filter;
    this.rules = rules;
  }

  /** The selected repositories; waits for the scan and throws what it threw. */
  synchronized Tree tree() throws InvalidTreeException, IOException, InterruptedException {
    if (tree == null) {
      tree = select(scan.get(), filter);
    }
    return tree;
  }

  /** Every object of {@link #tree}, sorted by key. */
  synchronized List<TreeObject> objects() throws InvalidTreeException, IOException, InterruptedException {
    if (objects == null) {
      objects = TreeObjects.of(tree(), rules, null);
    }
    return objects;
  }

  /**
   * The objects' keys, sorted, once the tree is scanned; before that, the keys its file names outline, so that the
   * listing splits without waiting for the scan. None when the tree is invalid (the caller reports that from
   * {@link #resolve}).
   */
  @Override
  public List<String> expectedKeys() {
    try {
      List<String> outline = scan.outline();
      if (!outline.isEmpty()) {
        return outline;
      }
      return objects().stream().map(TreeObject::path).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (InvalidTreeException | IOException | RuntimeException e) {
      return List.of();
    }
  }

  @Override
  public Desired resolve(BucketView bucket) throws InvalidTreeException, IOException, InterruptedException {
    return new Desired(objects(), tree().repositories().keySet(), filter.keys(), List.of(), marker -> { }, null);
  }

  /** The tree's repositories this run covers ({@code --repository}), once scanned: what --verify checks. */
  public Tree selected() throws InvalidTreeException, IOException, InterruptedException {
    return tree();
  }

  /** Waits for the scan and throws what it threw. */
  public void awaitScan() throws InvalidTreeException, IOException, InterruptedException {
    scan.get();
  }

  private static Tree select(Tree tree, RepositoryFilter filter) {
    if (filter.all()) {
      return tree;
    }
    TreeMap<String, RepositoryTree> repos = new TreeMap<>();
    tree.repositories().forEach((name, repo) -> {
      if (filter.matches(name)) {
        repos.put(name, repo);
      }
    });
    return new Tree(tree.root(), repos, tree.skipped());
  }
}
