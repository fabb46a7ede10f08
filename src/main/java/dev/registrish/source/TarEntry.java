package dev.registrish.source;

/**
 * One entry of a tar archive: its normalised path, type, and where its data starts.
 *
 * @param link for links, the normalised path inside the archive the link leads to
 */
record TarEntry(String path, Type type, long offset, long size, String link) {
  /** The entry types an image archive uses. */
  enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }
}
