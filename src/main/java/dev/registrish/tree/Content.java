package dev.registrish.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where an object's bytes are: a file of the tree, bytes in memory, a stream opened when they are sent
 * (an upstream blob, hashed on the way by its opener), or nowhere here (an object the bucket already holds).
 *
 * @param file the file holding the bytes, or null
 * @param bytes the bytes, or null
 * @param stream opens the bytes, once per attempt, or null
 */
public record Content(Path file, byte[] bytes, Opener stream) {
  /** Content the bucket already holds: the publish never reads it, only keeps or copies it. */
  public static final Content IN_BUCKET = new Content(null, null, null);

  /** Opens the bytes of a streamed object. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public static Content of(Path file) {
    return new Content(file, null, null);
  }

  public static Content of(byte[] bytes) {
    return new Content(null, bytes, null);
  }

  public static Content streamed(Opener opener) {
    return new Content(null, null, opener);
  }

  /** Whether the bytes can be read here, to be sent; false for an object only the bucket holds. */
  public boolean readable() {
    return file != null || bytes != null || stream != null;
  }
}
