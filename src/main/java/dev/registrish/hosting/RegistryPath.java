package dev.registrish.hosting;

import dev.registrish.tree.RegistryKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Request paths of the registry API as object keys: decodes a raw path once, strictly, and
 * refuses anything that could name a file outside {@code v2/} (dot segments, empty segments,
 * backslashes, control characters, bad escapes).
 */
public final class RegistryPath {
  private RegistryPath() {}

  /**
   * The object key for a raw request path ({@code /v2/app/manifests/v1} gives {@code v2/app/manifests/v1}),
   * or null when the path is malformed or tries to leave {@code v2/}.
   */
  public static String toKey(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/v2/")) {
      return rawPath != null && rawPath.equals("/v2") ? RegistryKey.ROOT : null;
    }
    String path = decode(rawPath);
    if (path == null || path.contains("\\") || path.contains("//")) {
      return null;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return null;
      }
    }
    return path.substring(1);
  }

  /** Percent-decodes a path as UTF-8; null on a malformed escape or a control character. */
  private static String decode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        try {
          out.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
        } catch (IllegalArgumentException e) {
          return null;
        }
        i += 2;
      } else if (c < 0x20 || c == 0x7f || c > 0x7e) {
        return null;
      } else {
        out.write(c);
      }
    }
    String s = out.toString(StandardCharsets.UTF_8);
    return s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f) ? null : s;
  }
}
