package dev.registrish.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What to write at a key: the bytes (a file streamed from disk, bytes in memory, or a stream opened
 * once per attempt), their size, and every header and metadata entry the object must carry.
 *
 * @param stream opens the bytes when neither {@code file} nor {@code bytes} holds them; a stream whose bytes turn
 *     out wrong throws on its last read, so the object is never completed
 * @param sent told of the bytes as they are read to be sent, each byte once even when a request is retried; or null
 * @param sha256 the bytes' SHA-256 in hex, when known: sent for the store to check (where its profile allows), so that
 *     bytes changed or damaged after they were hashed are refused; or null
 */
public record Upload(String key, Path file, byte[] bytes, Opener stream, long size, String contentType,
    String cacheControl, Map<String, String> metadata, LongConsumer sent, String sha256) {

  /** An upload whose bytes sent nobody is told of, with no checksum for the store. */
  public Upload(String key, Path file, byte[] bytes, Opener stream, long size, String contentType, String cacheControl,
      Map<String, String> metadata) {
    this(key, file, bytes, stream, size, contentType, cacheControl, metadata, null, null);
  }

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
