package dev.registrish.source;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths inside an archive: '.' and '..' resolved, absolute paths and anything that climbs out refused. */
final class ArchivePath {
  private ArchivePath() {}

  /** The normalised form of {@code raw}, relative to {@code base}; {@code display} names the archive in messages. */
  static String normalise(String display, String raw, String base) throws ImportException {
    if (raw.startsWith("/")) {
      throw new ImportException(display + ": entry '" + raw + "' has an absolute path");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String p : (base.isEmpty() ? raw : base + "/" + raw).split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          throw new ImportException(display + ": entry '" + raw + "' escapes the archive (../)");
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Where a link at {@code path} leads, normalised: a hard link's target is named from the archive's root, a
   * symbolic link's from the link's folder. A target outside the archive is refused, naming the link.
   */
  static String target(String display, String path, String target, boolean symbolic) throws ImportException {
    int slash = path.lastIndexOf('/');
    String base = symbolic && slash >= 0 ? path.substring(0, slash) : "";
    try {
      return normalise(display, target, base);
    } catch (ImportException e) {
      throw new ImportException(display + ": link '" + path + "' -> '" + target + "' leads outside the archive");
    }
  }
}
