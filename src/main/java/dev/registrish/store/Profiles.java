package dev.registrish.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.registrish.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads endpoint profiles: built-in ones by name ({@code s3}, {@code r2}, {@code scaleway},
 * {@code local}), a user's by name from {@code $XDG_CONFIG_HOME/registrish/profiles/NAME.json}
 * (default {@code ~/.config/...}), or any JSON file by path.
 */
public final class Profiles {
  public static final List<String> BUILT_IN = List.of("local", "r2", "s3", "scaleway");

  private Profiles() {}

  /** Loads a profile by built-in name or file path, resolving placeholders from {@code env}. */
  public static Profile load(String nameOrFile, Map<String, String> env) throws ProfileException {
    if (BUILT_IN.contains(nameOrFile)) {
      try (InputStream in = Profiles.class.getResourceAsStream("/profiles/" + nameOrFile + ".json")) {
        if (in == null) {
          throw new ProfileException("built-in profile '" + nameOrFile + "' is missing from this build");
        }
        return new Profile(nameOrFile, read(in.readAllBytes(), nameOrFile), env);
      } catch (IOException e) {
        throw new ProfileException("cannot read built-in profile '" + nameOrFile + "': " + e.getMessage());
      }
    }
    Path file = Path.of(nameOrFile);
    Path user = userDir(env).resolve(nameOrFile + ".json");
    if (!Files.isRegularFile(file) && !nameOrFile.contains("/") && Files.isRegularFile(user)) {
      file = user;
    }
    if (!Files.isRegularFile(file)) {
      throw new ProfileException("unknown profile '" + nameOrFile + "': not a built-in profile ("
          + String.join(", ", BUILT_IN) + "), nor in " + userDir(env) + ", nor a profile file");
    }
    try {
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      return new Profile(name, read(Files.readAllBytes(file), file.toString()), env);
    } catch (IOException e) {
      throw new ProfileException("cannot read profile file " + file + ": " + e.getMessage());
    }
  }

  /** Where a user's named profiles live. */
  public static Path userDir(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("registrish").resolve("profiles");
  }

  /** Names of the user's profiles in {@link #userDir}, sorted. */
  public static List<String> userProfiles(Map<String, String> env) {
    try (var files = Files.list(userDir(env))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static ProfileTemplate read(byte[] json, String source) throws ProfileException {
    try {
      return Json.MAPPER.readerFor(ProfileTemplate.class)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(json);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new ProfileException("profile " + source + " is not valid: " + msg);
    }
  }
}
