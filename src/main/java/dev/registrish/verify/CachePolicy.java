package dev.registrish.verify;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag policy verify holds Cache-Control to: a tag may be cached at most as long as the
 * publish's header rules say ({@link dev.registrish.tree.HeaderRules#tagMaxAge()}).
 */
final class CachePolicy {
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(s-maxage|max-age)\\s*=\\s*\"?(\\d+)");

  private final Duration tagMaxAge;

  CachePolicy(Duration tagMaxAge) {
    this.tagMaxAge = tagMaxAge;
  }

  /** Warns when a tag's Cache-Control lets caches keep it longer than the policy. */
  void checkTag(Findings findings, HttpResult r) {
    String value = r.header("Cache-Control").orElse("");
    long seconds = lifetime(value);
    if (seconds > tagMaxAge.toSeconds()) {
      findings.warning("cache-control", r.uri(), "Cache-Control '" + value + "' lets caches keep this tag for "
          + (seconds == Long.MAX_VALUE ? "ever" : seconds + " s") + ", longer than the tag policy (" + tagMaxAge.toSeconds()
          + " s): clients may pull the old image that long after a publish");
    }
  }

  /** The longest lifetime a Cache-Control value grants, in seconds ({@code immutable}: forever; none: 0). */
  static long lifetime(String cacheControl) {
    String value = cacheControl.toLowerCase(Locale.ROOT);
    if (value.contains("no-store") || value.contains("no-cache")) {
      return 0;
    }
    if (value.contains("immutable")) {
      return Long.MAX_VALUE;
    }
    long longest = 0;
    Matcher m = MAX_AGE.matcher(value);
    while (m.find()) {
      try {
        longest = Math.max(longest, Long.parseLong(m.group(2)));
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    return longest;
  }
}
