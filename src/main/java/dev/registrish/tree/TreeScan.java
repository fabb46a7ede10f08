package dev.registrish.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A tree being scanned on its own thread, so that a command can open its bucket and list it
 * meanwhile; {@link #get} waits for it and throws what the scan threw.
 */
public final class TreeScan {
  private final FutureTask<Tree> task;

  private TreeScan(FutureTask<Tree> task) {
    this.task = task;
  }

  /** Starts scanning {@code root} (see {@link TreeScanner#scan}). */
  public static TreeScan start(Path root) {
    FutureTask<Tree> task = new FutureTask<>(() -> TreeScanner.scan(root));
    Thread t = new Thread(task, "registrish-scan");
    t.setDaemon(true);
    t.start();
    return new TreeScan(task);
  }

  /** A tree already in hand. */
  public static TreeScan of(Tree tree) {
    FutureTask<Tree> task = new FutureTask<>(() -> tree);
    task.run();
    return new TreeScan(task);
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
