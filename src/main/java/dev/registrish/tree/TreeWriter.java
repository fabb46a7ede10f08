package dev.registrish.tree;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files into a tree atomically: a temporary file beside the target, then a rename. Files get the
 * mode the process's umask gives new files (0644 under umask 022), so a web server's user can read them.
 */
public final class TreeWriter {
  private TreeWriter() {}

  /** Writes bytes to {@code target} atomically, creating parent folders. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = tempFile(target.getParent());
    try {
      Files.write(tmp, bytes);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates an empty temporary file in {@code dir}, named so that a tree scan skips it, with the mode the umask
   * gives new files ({@link Files#createTempFile} would make it readable by its owner only).
   */
  public static Path tempFile(Path dir) throws IOException {
    Path tmp = dir.resolve(".registrish-tmp-" + UUID.randomUUID() + ".tmp");
    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    return tmp;
  }

  /** Moves a finished temporary file onto {@code target} atomically where the file system can. */
  public static void move(Path tmp, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
