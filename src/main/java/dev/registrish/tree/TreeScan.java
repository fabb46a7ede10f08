package dev.registrish.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A tree being scanned on its own thread, so that a command can open its bucket and list it
 * meanwhile; {@link #get} waits for it and throws what the scan threw. Until then, {@link #outline} gives the
 * keys estimated from the file names alone, for a listing to split on.
 */
public final class TreeScan {
  private final FutureTask<Tree> task;
  private final Path root;

  private TreeScan(Path root, Callable<Tree> scan) {
    this.task = new FutureTask<>(scan);
    this.root = root;
  }

  /** Starts scanning {@code root} (see {@link TreeScanner#scan}). */
  public static TreeScan start(Path root) {
    TreeScan scan = new TreeScan(root, () -> TreeScanner.scan(root));
    Thread t = new Thread(scan.task, "registrish-scan");
    t.setDaemon(true);
    t.start();
    return scan;
  }

  /** A tree already in hand. */
  public static TreeScan of(Tree tree) {
    TreeScan scan = new TreeScan(null, () -> tree);
    scan.task.run();
    return scan;
  }

  /**
   * The keys estimated from the tree's file names, sorted (see {@link TreeOutline}), walked on the caller's thread;
   * none once the scan has ended, when the tree gives the exact keys, or for a tree already in hand.
   */
  public List<String> outline() {
    return root == null || task.isDone() ? List.of() : TreeOutline.keys(root);
  }

  /** The scanned tree. */
  public Tree get() throws InvalidTreeException, IOException, InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidTreeException ite) {
        throw ite;
      } else if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException re) {
        throw re;
      } else if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
