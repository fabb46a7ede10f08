package dev.registrish.tree;

import java.util.regex.Pattern;

/**
 * The distribution spec's grammar for repository names and tags.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">distribution spec</a>
 */
public final class Names {
  private static final Pattern REPOSITORY = Pattern.compile(
      "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  private Names() {}

  public static boolean isRepository(String name) {
    return name != null && REPOSITORY.matcher(name).matches();
  }

  public static boolean isTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /** Why a repository name is invalid, for error messages. */
  public static String repositoryRule() {
    return "lower-case letters and digits, separated by '.', '_', '__', '-' or '/'";
  }

  /** Why a tag is invalid, for error messages. */
  public static String tagRule() {
    return "1 to 128 of [A-Za-z0-9_.-], not starting with '.' or '-'";
  }
}
