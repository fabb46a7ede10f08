package dev.registrish.verify;

import dev.registrish.tree.HeaderRules;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds served headers to the publish's {@link HeaderRules}: a tag may be cached at most as long as
 * the rules say; a blob has the blob type and may be cached for ever.
 */
final class CachePolicy {
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(s-maxage|max-age)\\s*=\\s*\"?(\\d+)");

  private final HeaderRules rules;

  CachePolicy(HeaderRules rules) {
    this.rules = rules;
  }

  /**
   * Warns when a tag's Cache-Control lets caches keep it longer than the rules, or when a cache in front
   * (a CDN) already kept it longer: its {@code Age} is past the tag policy, whatever the headers say.
   */
  void checkTag(Findings findings, HttpResult r) {
    String value = r.header("Cache-Control").orElse("");
    long seconds = lifetime(value);
    long allowed = rules.tagMaxAge().toSeconds();
    if (seconds > allowed) {
      findings.warning("cache-control", r.uri(), "Cache-Control '" + value + "' lets caches keep this tag for "
          + (seconds == Long.MAX_VALUE ? "ever" : seconds + " s") + ", longer than the tag policy (" + allowed
          + " s): clients may pull the old image that long after a publish");
    }
    long age = r.header("Age").map(CachePolicy::seconds).orElse(0L);
    if (age > allowed) {
      String edge = r.header("cf-cache-status").map(s -> " (cf-cache-status " + s + ")").orElse("");
      findings.warning("edge-ttl", r.uri(), "a cache in front served this tag " + age + " s after it stored it" + edge
          + ", longer than the tag policy (" + allowed + " s): an edge TTL rule overrides Cache-Control; make --grace at"
          + " least that long, so that content a moved tag left is not deleted while the old tag is still served");
    }
  }

  private static long seconds(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Warns when a blob is not served with the blob type, or may not be cached for ever. */
  void checkBlob(Findings findings, HttpResult r) {
    String expectedType = rules.blobs().contentType();
    r.header("Content-Type").filter(t -> !t.equalsIgnoreCase(expectedType)).ifPresent(t ->
        findings.warning("blob-type", r.uri(), "Content-Type '" + t + "', expected " + expectedType
            + ": a CDN or browser may treat the layer as a document (compress, sniff or block it)"));
    String value = r.header("Cache-Control").orElse("");
    if (lifetime(value) != Long.MAX_VALUE) {
      findings.warning("cache-control", r.uri(), "Cache-Control '" + value + "' on a blob, expected '"
          + rules.blobs().cacheControl() + "': content-addressed bytes never change, and caches re-fetch them for nothing");
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
