package dev.registrish.upstream;

import java.util.Optional;

/** A username and password the caller was given for one registry (e.g. from environment variables a mirror file names). */
public final class ExplicitCredentials implements Credentials {
  private final String registry;
  private final Credential credential;

  private ExplicitCredentials(String registry, Credential credential) {
    this.registry = RegistryHosts.normalize(registry);
    this.credential = credential;
  }

  /** The credential for every repository of {@code registry} (any of Docker Hub's names matches Docker Hub). */
  public static ExplicitCredentials of(String registry, String username, String password) {
    return new ExplicitCredentials(registry, Credential.basic(username, password));
  }

  @Override
  public Optional<Credential> find(String registry, String repository) {
    return this.registry.equals(registry) ? Optional.of(credential) : Optional.empty();
  }

  @Override
  public String toString() {
    return "ExplicitCredentials[" + registry + "]";
  }
}
