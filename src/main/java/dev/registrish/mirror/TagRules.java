package dev.registrish.mirror;

import dev.registrish.oci.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Which upstream tags an image mirrors: exact tags (optionally pinned, {@code TAG@sha256:...}), bare
 * digests kept as long as the file lists them, and upstream's tags that match an anchored regular
 * expression and/or a semver range, minus those an anchored {@code exclude} expression matches.
 *
 * @param exact tag to its pin (null when not pinned), in the file's order
 * @param digests bare digest entries
 * @param pattern anchored expression over upstream's tags, or null
 * @param exclude anchored expression of tags to leave out, or null
 * @param semver a semver range (npm style, e.g. {@code >=1.2 <2}), or null
 */
public record TagRules(Map<String, Digest> exact, List<Digest> digests, Pattern pattern, Pattern exclude, String semver) {

  /** Whether upstream's tag list must be read: a pattern or a range selects from it. */
  public boolean needsTagList() {
    return pattern != null || semver != null;
  }

  /** The tags selected from upstream's list (ignored when only exact tags are named), exact ones first. */
  public List<String> select(List<String> upstreamTags) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    exact.keySet().forEach(t -> out.put(t, true));
    if (needsTagList()) {
      for (String tag : upstreamTags) {
        if ((pattern == null || pattern.matcher(tag).matches()) && (semver == null || inRange(tag))) {
          out.put(tag, true);
        }
      }
    }
    List<String> tags = new ArrayList<>();
    for (String tag : out.keySet()) {
      if (exclude == null || !exclude.matcher(tag).matches()) {
        tags.add(tag);
      }
    }
    return tags;
  }

  /** Whether a tag, read as a version ({@code v1.2.3}, {@code 1.2}), is inside the range; tags that are no version are not. */
  boolean inRange(String tag) {
    Semver version = Semver.coerce(tag);
    return version != null && version.satisfies(semver);
  }
}
