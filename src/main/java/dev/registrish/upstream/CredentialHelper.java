package dev.registrish.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.registrish.oci.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper, {@code docker-credential-<name> get}: the server URL on stdin, JSON on
 * stdout. "Not found" is no credential; any other failure names the helper and its exit code only,
 * since its output may hold a secret.
 *
 * @see <a href="https://github.com/docker/docker-credential-helpers">docker-credential-helpers</a>
 */
final class CredentialHelper {
  private static final long TIMEOUT_SECONDS = 60;
  private final String command;
  private final String searchPath;

  CredentialHelper(String name, String searchPath) {
    this.command = "docker-credential-" + name;
    this.searchPath = searchPath;
  }

  /** The helper's credential for a registry, or empty when it has none. */
  Optional<Credential> get(String registry) throws UpstreamException {
    Path binary = locate();
    if (binary == null) {
      throw failure(registry, "is not on PATH");
    }
    Answer answer;
    try {
      answer = run(binary, RegistryHosts.helperServerUrl(registry));
    } catch (IOException e) {
      throw failure(registry, "could not run (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(registry, "was interrupted");
    }
    if (answer == null) {
      throw failure(registry, "did not answer within " + TIMEOUT_SECONDS + " s");
    }
    if (answer.exit() != 0) {
      if (new String(answer.stdout(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      throw failure(registry, "exited " + answer.exit());
    }
    return parse(registry, answer.stdout());
  }

  private record Answer(int exit, byte[] stdout) {}

  /** Runs {@code get} with the server URL on stdin; null when it outlives the timeout. */
  private static Answer run(Path binary, String serverUrl) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a helper that exits without reading stdin closes the pipe; its exit code and output tell the rest
    }
    byte[] out;
    try (InputStream stdout = p.getInputStream()) {
      out = stdout.readNBytes(1 << 20);
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    return new Answer(p.exitValue(), out);
  }

  private Optional<Credential> parse(String registry, byte[] out) throws UpstreamException {
    HelperOutputTemplate t;
    try {
      t = Json.MAPPER.readValue(out, HelperOutputTemplate.class);
    } catch (JsonProcessingException e) {
      throw failure(registry, "printed something that is not its JSON answer");
    } catch (IOException e) {
      throw failure(registry, "output could not be read");
    }
    if (t == null || t.secret == null || t.secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("<token>".equals(t.username) ? Credential.identityToken(t.secret)
        : Credential.basic(t.username, t.secret));
  }

  private Path locate() {
    for (String dir : searchPath.split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, command);
      if (candidate != null && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private UpstreamException failure(String registry, String what) {
    return new UpstreamException(UpstreamException.Reason.CREDENTIALS, registry, "credential helper " + command + " " + what);
  }
}
