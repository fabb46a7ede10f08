package dev.registrish.mirror;

/**
 * How to reach one registry, from a mirror file's {@code registries:} block: a user name and password read
 * from the environment, or a credential helper, and whether plain HTTP is allowed. Never printed.
 *
 * @param username the user name, or null
 * @param password the password or token, or null
 * @param helper a {@code docker-credential-<helper>} program, or null
 */
public record RegistryAccess(String username, String password, String helper, boolean insecure) {
  @Override
  public String toString() {
    return "RegistryAccess[" + (username != null ? "user " + username : helper != null ? "helper " + helper : "anonymous")
        + (insecure ? ", insecure" : "") + "]";
  }
}
