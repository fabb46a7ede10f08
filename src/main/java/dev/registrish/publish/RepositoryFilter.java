package dev.registrish.publish;


import dev.registrish.tree.RegistryKey;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * The repositories a run covers ({@code --repository GLOB}, repeatable; {@code *} stays within one
 * path segment, {@code **} crosses them). Keys of other repositories are never written or deleted.
 */
public final class RepositoryFilter {
  private final List<PathMatcher> matchers;

  public RepositoryFilter(List<String> globs) {
    this.matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
  }

  public boolean all() {
    return matchers.isEmpty();
  }

  public boolean matches(String repository) {
    return all() || (repository != null && matchers.stream().anyMatch(m -> m.matches(Path.of(repository))));
  }

  /** Whether a listed key (relative to the prefix) belongs to this run. */
  public Predicate<String> keys() {
    return key -> {
      RegistryKey k = RegistryKey.parse(key);
      return all() || (k != null && matches(k.repository()));
    };
  }
}
