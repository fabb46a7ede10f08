package dev.registrish.publish.state;

import dev.registrish.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What part of a bucket a run writes: every repository, or a shard ({@code --repository} globs) with the
 * repositories it touches. Runs on disjoint shards hold locks of their own and run at once; runs whose
 * scopes overlap (and any run with one over the whole bucket) keep each other out.
 *
 * @param globs the shard's {@code --repository} globs; empty for the whole bucket
 * @param repositories the repositories the run touches (its source's, and the bucket's it may delete in)
 */
public record LockScope(List<String> globs, Set<String> repositories) {
  public LockScope {
    globs = List.copyOf(new TreeSet<>(globs));
    repositories = Set.copyOf(repositories);
  }

  /** The whole bucket. */
  public static LockScope whole() {
    return new LockScope(List.of(), Set.of());
  }

  public boolean isWhole() {
    return globs.isEmpty();
  }

  /** The lock object's name beside {@code v2/}: one for the whole bucket, one per shard. */
  String lockName() {
    if (isWhole()) {
      return "registrish.lock.json";
    }
    String id = Digest.sha256(String.join("\n", globs).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 12);
    return "registrish.lock." + id + ".json";
  }

  /** Whether two runs could write the same repository: either is over the whole bucket, or one's repository matches the other's globs. */
  boolean overlaps(List<String> otherGlobs, Set<String> otherRepositories) {
    if (isWhole() || otherGlobs == null || otherGlobs.isEmpty()) {
      return true;
    }
    return globs.stream().anyMatch(otherGlobs::contains) || anyMatches(repositories, otherGlobs)
        || anyMatches(otherRepositories == null ? Set.of() : otherRepositories, globs);
  }

  private static boolean anyMatches(Set<String> repositories, List<String> globs) {
    List<PathMatcher> matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    return repositories.stream().anyMatch(r -> matchers.stream().anyMatch(m -> m.matches(Path.of(r))));
  }
}
