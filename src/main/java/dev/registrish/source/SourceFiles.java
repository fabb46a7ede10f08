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

  /** Reads a small file whole; refuses files above {@code limit} bytes. */
  default byte[] read(String path, long limit) throws IOException, ImportException {
    long size = size(path);
    if (size > limit) {
      throw new ImportException(name(path) + ": " + size + " bytes, more than the " + limit + " a document may have");
    }
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }
}
