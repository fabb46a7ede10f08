package dev.registrish.store;

import java.util.regex.Pattern;

/**
 * URLs as messages show them: without user-info ({@code https://user:password@host/} shows as
 * {@code https://host/}), since an endpoint or public URL may carry credentials and messages end up in CI logs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1">RFC 3986 user information</a>
 */
public final class DisplayUrl {
  private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]*@");

  private DisplayUrl() {}

  /** The text with the user-info of every URL in it removed (also of a URL that does not parse). */
  public static String strip(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
  }
}
