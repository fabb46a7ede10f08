package dev.registrish.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A tree being scanned on its own thread, so that a command can open its bucket and list it
 * meanwhile; {@link #get} waits for it and throws what the scan threw. Its {@link #outline} (the keys
 * estimated from the file names) is ready first, for the listing to split on, and is let go once the scan ends.
 */
public final class TreeScan {
  private final FutureTask<Tree> task;
  private final CountDownLatch outlined = new CountDownLatch(1);
  private volatile List<String> outline = List.of();

  private TreeScan(Path root, Callable<Tree> scan) {
    this.task = new FutureTask<>(() -> {
      try {
        if (root != null) {
          outline = TreeOutline.keys(root);
        }
      } finally {
        outlined.countDown();
      }
      try {
        return scan.call();
      } finally {
        outline = List.of();
      }
    });
  }

  /** Starts scanning {@code root} (see {@link TreeScanner#scan}), its outline first. */
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

  /** Whether the scan has ended (its tree or its failure is ready). */
  public boolean isDone() {
    return task.isDone();
  }

  /**
   * The keys estimated from the tree's file names, sorted (see {@link TreeOutline}); waits for the short walk.
   * None once the scan has ended: the tree then gives the exact keys.
   */
  public List<String> outline() throws InterruptedException {
    outlined.await();
    return outline;
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
