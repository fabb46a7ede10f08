package dev.registrish.hosting;

import java.util.regex.Pattern;

/**
 * Checks values before they are written into a web server's configuration, so that a media type
 * or a path can never break out of its quotes or inject a directive.
 */
final class ConfigValues {
  private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#&^_.+-]*");

  private ConfigValues() {}

  /** The media type itself; throws when it is not a plain {@code type/subtype} token. */
  static String mediaType(String type, String key) {
    if (type == null || !MEDIA_TYPE.matcher(type).matches()) {
      throw new UnsafeValueException(key + ": media type '" + type
          + "' is not a plain type/subtype token and cannot be written into a server configuration");
    }
    return type;
  }

  /** The path itself; throws when it holds a quote, backslash, dollar sign or control character. */
  static String path(String path) {
    for (char c : path.toCharArray()) {
      if (c == '"' || c == '\'' || c == '\\' || c == '$' || c < 0x20 || c == 0x7f) {
        throw new UnsafeValueException(path + ": the tree's path holds the character '" + c
            + "', which cannot be written into a server configuration; move the tree to a plainer path");
      }
    }
    return path;
  }
}
