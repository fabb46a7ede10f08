package dev.registrish.upstream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where credentials for a registry come from. Implementations are chained: the first that has an
 * answer wins. Looking up never prints a secret, and failures name the file or helper, not its content.
 */
public interface Credentials {
  /**
   * The credential for a repository of a registry ({@code docker.io}, {@code ghcr.io}, {@code localhost:5000}),
   * or empty when this source has none.
   */
  Optional<Credential> find(String registry, String repository) throws UpstreamException;

  /** This source, then {@code next} when this one has no answer. */
  default Credentials orElse(Credentials next) {
    Credentials first = this;
    return (registry, repository) -> {
      Optional<Credential> found = first.find(registry, repository);
      return found.isPresent() ? found : next.find(registry, repository);
    };
  }

  /** A {@code docker-credential-<name>} helper on {@code $PATH}, asked for one registry only. */
  static Credentials helper(String forRegistry, String name) {
    CredentialHelper helper = new CredentialHelper(name, System.getenv().getOrDefault("PATH", ""));
    String key = RegistryHosts.normalize(forRegistry);
    return (registry, repository) -> RegistryHosts.normalize(registry).equals(key) ? helper.get(registry) : Optional.empty();
  }

  /** No credentials: anonymous pulls. */
  static Credentials anonymous() {
    return (registry, repository) -> Optional.empty();
  }

  /**
   * The sources Docker, podman and skopeo read, in containers/image's order: {@code $REGISTRY_AUTH_FILE}
   * (or {@code $XDG_RUNTIME_DIR/containers/auth.json}, then {@code ~/.config/containers/auth.json}),
   * then {@code $DOCKER_CONFIG/config.json} (or {@code ~/.docker/config.json}), with their credential
   * helpers looked up on {@code $PATH}.
   */
  static Credentials defaults() {
    return defaults(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@link #defaults()} for a given environment and home folder. */
  static Credentials defaults(Map<String, String> env, Path home) {
    List<Path> files = new ArrayList<>();
    if (env.get("REGISTRY_AUTH_FILE") != null) {
      files.add(Path.of(env.get("REGISTRY_AUTH_FILE")));
    } else {
      if (env.get("XDG_RUNTIME_DIR") != null) {
        files.add(Path.of(env.get("XDG_RUNTIME_DIR"), "containers", "auth.json"));
      }
      files.add(home.resolve(".config/containers/auth.json"));
    }
    files.add(env.get("DOCKER_CONFIG") != null ? Path.of(env.get("DOCKER_CONFIG"), "config.json")
        : home.resolve(".docker/config.json"));
    String path = env.getOrDefault("PATH", "");
    Credentials chain = anonymous();
    for (int i = files.size() - 1; i >= 0; i--) {
      chain = new AuthFile(files.get(i), path).orElse(chain);
    }
    return chain;
  }
}
