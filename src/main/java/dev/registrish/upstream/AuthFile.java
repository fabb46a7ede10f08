package dev.registrish.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.registrish.oci.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from one Docker {@code config.json} or containers {@code auth.json}: a credential
 * helper named for the registry ({@code credHelpers}) or for every registry ({@code credsStore}),
 * then the {@code auths} entry of the repository's namespace or of the registry. A missing file has no
 * credentials; the file is read once.
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/login/#credential-stores">Docker credential stores</a>
 */
public final class AuthFile implements Credentials {
  private final Path file;
  private final String searchPath;
  private AuthFileTemplate content;
  private boolean read;

  AuthFile(Path file, String searchPath) {
    this.file = file;
    this.searchPath = searchPath;
  }

  /** The file at {@code path}; its credential helpers are looked up on this process's {@code $PATH}. */
  public static AuthFile at(Path path) {
    return new AuthFile(path, System.getenv().getOrDefault("PATH", ""));
  }

  @Override
  public Optional<Credential> find(String registry, String repository) throws UpstreamException {
    AuthFileTemplate t = content();
    if (t == null) {
      return Optional.empty();
    }
    String helper = t.credHelpers == null ? null : byRegistry(t.credHelpers, registry);
    if (helper == null) {
      helper = t.credsStore;
    }
    if (helper != null && !helper.isBlank()) {
      Optional<Credential> found = new CredentialHelper(helper, searchPath).get(registry);
      if (found.isPresent()) {
        return found;
      }
    }
    if (t.auths == null) {
      return Optional.empty();
    }
    for (String scope = registry + "/" + repository; ; scope = scope.substring(0, scope.lastIndexOf('/'))) {
      AuthFileTemplate.Entry entry = byRegistry(t.auths, scope);
      if (entry != null) {
        return decode(entry, scope);
      }
      if (!scope.contains("/")) {
        return Optional.empty();
      }
    }
  }

  private static <T> T byRegistry(Map<String, T> map, String key) {
    return map.entrySet().stream().filter(e -> RegistryHosts.normalize(e.getKey()).equals(key))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private Optional<Credential> decode(AuthFileTemplate.Entry entry, String key) throws UpstreamException {
    if (entry.identitytoken != null && !entry.identitytoken.isEmpty()) {
      return Optional.of(Credential.identityToken(entry.identitytoken));
    }
    if (entry.auth != null && !entry.auth.isEmpty()) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(entry.auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        pair = "";
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new UpstreamException(UpstreamException.Reason.CREDENTIALS, file,
            "the \"auth\" of \"" + key + "\" is not base64 of user:password");
      }
      return Optional.of(Credential.basic(pair.substring(0, colon), pair.substring(colon + 1)));
    }
    if (entry.username != null && entry.password != null) {
      return Optional.of(Credential.basic(entry.username, entry.password));
    }
    return Optional.empty();
  }

  private synchronized AuthFileTemplate content() throws UpstreamException {
    if (!read) {
      try {
        content = Json.MAPPER.readValue(Files.readAllBytes(file), AuthFileTemplate.class);
      } catch (NoSuchFileException e) {
        content = null;
      } catch (JsonProcessingException e) {
        var at = e.getLocation();
        throw new UpstreamException(UpstreamException.Reason.CREDENTIALS, file, "not valid JSON"
            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
      } catch (IOException e) {
        throw new UpstreamException(UpstreamException.Reason.CREDENTIALS, file, "cannot be read ("
            + e.getClass().getSimpleName() + ")");
      }
      read = true;
    }
    return content;
  }

  @Override
  public String toString() {
    return "AuthFile[" + file + "]";
  }
}
