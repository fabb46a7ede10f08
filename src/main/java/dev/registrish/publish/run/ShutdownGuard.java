package dev.registrish.publish.run;

import dev.registrish.publish.state.BucketLock;

import dev.registrish.store.ObjectStore;

/**
 * Cleans up when the JVM is asked to stop (SIGTERM, Ctrl-C) while a publish holds the lock: no
 * further write starts, open multipart uploads are aborted and the lock is released. Writes are
 * phased, so whatever was already written leaves every pull working; a rerun sends the rest.
 * Bounded in time, so that an unreachable store cannot hold up the exit.
 */
public final class ShutdownGuard implements AutoCloseable {
  private static final long CLEANUP_MILLIS = 8_000;

  private final Thread hook;

  private ShutdownGuard(Thread hook) {
    this.hook = hook;
  }

  public static ShutdownGuard install(ObjectStore store, BucketLock lock, Executor executor) {
    Thread hook = new Thread(() -> {
      executor.stop();
      Thread cleanup = new Thread(() -> {
        String done;
        try {
          int aborted = store.abortOpenUploads();
          lock.close();
          done = "aborted " + aborted + " open multipart uploads and released the lock";
        } catch (RuntimeException e) {
          done = "could not clean up (" + e.getMessage() + "); the next publish aborts stale uploads and takes over the lock";
        }
        System.err.println("registrish: publish stopped before the end: " + done
            + ". What was written keeps every pull working; run the publish again to finish.");
      }, "registrish-cleanup");
      cleanup.setDaemon(true);
      cleanup.start();
      try {
        cleanup.join(CLEANUP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "registrish-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return new ShutdownGuard(hook);
  }

  /** Removes the hook once the publish has ended by itself. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs
    }
  }
}
