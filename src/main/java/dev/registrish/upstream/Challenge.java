package dev.registrish.upstream;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge: its scheme ({@code bearer} or {@code basic}) and parameters
 * ({@code realm}, {@code service}, {@code scope}).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 */
record Challenge(String scheme, Map<String, String> params) {
  private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,\\s]*)");

  /** The Bearer challenge among the headers, else the Basic one, else null. */
  static Challenge pick(List<String> headers) {
    Challenge basic = null;
    for (String h : headers) {
      Challenge c = parse(h);
      if (c != null && c.isBearer()) {
        return c;
      }
      if (c != null && c.isBasic() && basic == null) {
        basic = c;
      }
    }
    return basic;
  }

  /** Parses one header value; null when it is empty. */
  static Challenge parse(String header) {
    String h = header.trim();
    if (h.isEmpty()) {
      return null;
    }
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new HashMap<>();
    if (space > 0) {
      Matcher m = PARAM.matcher(h.substring(space + 1));
      while (m.find()) {
        String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2);
        params.put(m.group(1).toLowerCase(Locale.ROOT), value);
      }
    }
    return new Challenge(scheme, Map.copyOf(params));
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  String realm() {
    return params.get("realm");
  }

  String service() {
    return params.get("service");
  }
}
