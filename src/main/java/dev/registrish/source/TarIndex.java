package dev.registrish.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the headers of an uncompressed tar file into a map of entries (without reading data),
 * refusing a truncated archive, a path that escapes it ({@code ../}, absolute) and a link that
 * leads outside it.
 */
final class TarIndex {
  private TarIndex() {}

  /** Every entry by normalised path; {@code display} names the archive in messages. */
  static Map<String, TarEntry> read(Path tar, String display) throws IOException, ImportException {
    Map<String, TarEntry> entries = new LinkedHashMap<>();
    try (SeekableByteChannel file = Files.newByteChannel(tar)) {
      long length = file.size();
      long pos = 0;
      byte[] block = new byte[512];
      String longName = null;
      String longLink = null;
      Long paxSize = null;
      while (true) {
        if (pos == 0 && length < 512) {
          throw new ImportException(display + ": not a tar archive (" + length + " bytes), nor a source folder");
        }
        if (pos + 512 > length) {
          throw new ImportException(display + ": truncated tar archive (ends at byte " + length
              + " without the end-of-archive marker)");
        }
        readFully(file, pos, block);
        pos += 512;
        if (TarHeader.isZero(block)) {
          return entries;
        }
        TarHeader h = TarHeader.parse(block);
        if (h == null || h.size < 0) {
          throw new ImportException(display + (pos == 512 ? ": not a tar archive, nor a source folder"
              : ": corrupt tar archive (no valid header at byte " + (pos - 512) + ")"));
        }
        long size = paxSize != null ? paxSize : h.size;
        if (pos + size > length) {
          throw new ImportException(display + ": truncated tar archive (entry '" + h.name + "' needs "
              + size + " bytes, the file ends after " + (length - pos) + ")");
        }
        if (h.type == 'L' || h.type == 'K' || h.type == 'x') {
          byte[] data = new byte[(int) Math.min(h.size, 1 << 20)];
          readFully(file, pos, data);
          String text = new String(data, StandardCharsets.UTF_8);
          if (h.type == 'L') {
            longName = text.replaceAll("\0+$", "");
          } else if (h.type == 'K') {
            longLink = text.replaceAll("\0+$", "");
          } else {
            Map<String, String> pax = pax(text);
            longName = pax.getOrDefault("path", longName);
            longLink = pax.getOrDefault("linkpath", longLink);
            paxSize = pax.containsKey("size") ? Long.valueOf(pax.get("size")) : null;
          }
          pos += round(h.size);
          continue;
        }
        String rawName = longName != null ? longName : h.name;
        String rawLink = longLink != null ? longLink : h.linkName;
        longName = null;
        longLink = null;
        paxSize = null;
        if (h.type != 'g') {
          TarEntry e = entry(display, rawName, h.type, pos, size, rawLink);
          if (!e.path().isEmpty()) {
            entries.put(e.path(), e);
          }
        }
        pos += round(size);
      }
    }
  }

  private static void readFully(SeekableByteChannel file, long pos, byte[] into) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into);
    file.position(pos);
    while (buffer.hasRemaining()) {
      if (file.read(buffer) < 0) {
        throw new java.io.EOFException();
      }
    }
  }

  private static TarEntry entry(String display, String rawName, char type, long offset, long size, String rawLink)
      throws ImportException {
    String path = normalise(display, rawName, "");
    return switch (type) {
      case '0', '7' -> new TarEntry(path, TarEntry.Type.FILE, offset, size, null);
      case '5' -> new TarEntry(path, TarEntry.Type.DIRECTORY, offset, 0, null);
      case '1' -> new TarEntry(path, TarEntry.Type.HARDLINK, offset, 0, link(display, rawName, rawLink, ""));
      case '2' -> {
        int slash = path.lastIndexOf('/');
        yield new TarEntry(path, TarEntry.Type.SYMLINK, offset, 0,
            link(display, rawName, rawLink, slash < 0 ? "" : path.substring(0, slash)));
      }
      default -> new TarEntry(path, TarEntry.Type.OTHER, offset, size, null);
    };
  }

  private static String link(String display, String name, String target, String base) throws ImportException {
    if (target.startsWith("/")) {
      throw new ImportException(display + ": link '" + name + "' -> '" + target + "' leads outside the archive");
    }
    try {
      return normalise(display, target, base);
    } catch (ImportException e) {
      throw new ImportException(display + ": link '" + name + "' -> '" + target + "' leads outside the archive");
    }
  }

  /** Resolves '.' and '..' against {@code base}; refuses absolute paths and anything that climbs out. */
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

  private static Map<String, String> pax(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int sp = line.indexOf(' ');
      int eq = line.indexOf('=');
      if (sp > 0 && eq > sp) {
        out.put(line.substring(sp + 1, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  private static long round(long size) {
    return (size + 511) / 512 * 512;
  }
}
