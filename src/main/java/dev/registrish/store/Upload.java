package dev.registrish.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to write at a key: the bytes (a file streamed from disk, bytes in memory, or a stream opened
 * once per attempt), their size, and every header and metadata entry the object must carry.
 *
 * @param stream opens the bytes when neither {@code file} nor {@code bytes} holds them; a stream whose bytes turn
 *     out wrong throws on its last read, so the object is never completed
 */
public record Upload(String key, Path file, byte[] bytes, Opener stream, long size, String contentType,
    String cacheControl, Map<String, String> metadata) {

  /** Opens a streamed upload's bytes. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  /** An upload of bytes in memory. */
  public static Upload of(String key, byte[] bytes, String contentType, String cacheControl, Map<String, String> metadata) {
    return new Upload(key, null, bytes, null, bytes.length, contentType, cacheControl, metadata);
  }
}
