package dev.registrish.source;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one 512-byte tar header block (ustar, GNU and pax variants).
 *
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06">ustar header</a>
 */
final class TarHeader {
  final String name;
  final char type;
  final long size;
  final String linkName;

  private TarHeader(String name, char type, long size, String linkName) {
    this.name = name;
    this.type = type;
    this.size = size;
    this.linkName = linkName;
  }

  /** Whether a block is all zeros (the end-of-archive marker). */
  static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Parses a header block; null when its checksum is wrong (not a tar header). */
  static TarHeader parse(byte[] b) {
    long stored = number(b, 148, 8);
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (b[i] & 0xff);
    }
    if (stored != sum) {
      return null;
    }
    String name = text(b, 0, 100);
    boolean ustar = text(b, 257, 6).equals("ustar");
    boolean posix = ustar && b[262] == 0;
    if (posix) {
      String prefix = text(b, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    char type = (char) (b[156] == 0 ? '0' : b[156]);
    return new TarHeader(name, type, number(b, 124, 12), text(b, 157, 100));
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** An octal field, or GNU base-256 when the high bit of the first byte is set. */
  private static long number(byte[] b, int off, int len) {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x7f;
      for (int i = off + 1; i < off + len; i++) {
        v = (v << 8) | (b[i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = off; i < off + len; i++) {
      char c = (char) b[i];
      if (c >= '0' && c <= '7') {
        v = v * 8 + (c - '0');
      } else if (c != ' ' && c != 0) {
        return -1;
      } else if (v > 0 && c == 0) {
        break;
      }
    }
    return v;
  }
}
