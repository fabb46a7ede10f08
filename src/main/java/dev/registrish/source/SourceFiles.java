package dev.registrish.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Read access to the files of a source, a folder or a tar archive, by relative path with '/'
 * separators. Paths that would leave the source (symbolic links, {@code ../}) are refused.
 */
interface SourceFiles extends Closeable {
  /**
   * The most bytes a document (manifest, index, config, {@code index.json}, {@code manifest.json}) may have:
   * 4 MiB, what registries accept for a manifest and containers/image reads configs under.
   */
  long DOCUMENT_LIMIT = 4L << 20;

  /** How a path is named in messages, e.g. {@code /in/app.tar!blobs/sha256/ab..}. */
  String name(String path);

  /** Whether a regular file is at the path (following links inside the source). */
  boolean isFile(String path) throws IOException, ImportException;

  /** The size of the file at the path. */
  long size(String path) throws IOException, ImportException;

  /** Opens the file at the path. */
  InputStream open(String path) throws IOException, ImportException;

  /** Every regular file, as relative paths. */
  List<String> list() throws IOException, ImportException;

  /** Reads a document whole; refuses one above {@link #DOCUMENT_LIMIT}, unread when its size says so. */
  default byte[] read(String path) throws IOException, ImportException {
    long size = size(path);
    byte[] bytes = new byte[0];
    if (size <= DOCUMENT_LIMIT) {
      try (InputStream in = open(path)) {
        bytes = in.readNBytes((int) DOCUMENT_LIMIT + 1);
      }
    }
    if (size > DOCUMENT_LIMIT || bytes.length > DOCUMENT_LIMIT) {
      throw new DocumentTooLargeException(name(path) + ": " + Math.max(size, bytes.length) + " bytes, more than the 4 MiB ("
          + DOCUMENT_LIMIT + " bytes) a manifest, index or config may have");
    }
    return bytes;
  }
}
