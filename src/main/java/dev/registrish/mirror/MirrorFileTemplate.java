package dev.registrish.mirror;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mirror file as written (YAML): defaults, per-registry access, and the images to mirror. Keys
 * starting with {@code x-} are the user's own and ignored; any other unknown key is an error.
 *
 * @see MirrorFile
 */
public class MirrorFileTemplate {
  public ImageTemplate defaults;
  public Map<String, RegistryTemplate> registries = new LinkedHashMap<>();
  public List<ImageTemplate> images = new ArrayList<>();

  @JsonAnySetter
  void other(String key, Object value) {
    Extensions.accept(key);
  }

  /** One image entry (also the shape of {@code defaults}, where {@code source}, {@code target} and the tag rules are not allowed). */
  public static class ImageTemplate {
    public String source;
    public String target;
    public List<String> tags;
    @JsonProperty("tag-pattern")
    public String tagPattern;
    public String exclude;
    public String semver;
    public List<String> platforms;
    public Boolean referrers;
    public Boolean insecure;

    @JsonAnySetter
    void other(String key, Object value) {
      Extensions.accept(key);
    }
  }

  /** Access to one registry: where its credentials are (never the secrets themselves), and plain HTTP. */
  public static class RegistryTemplate {
    /** Environment variable holding the user name (or {@link #username} for a non-secret literal). */
    @JsonProperty("username-env")
    public String usernameEnv;
    public String username;
    /** Environment variable holding the password or token. */
    @JsonProperty("password-env")
    public String passwordEnv;
    /** A {@code docker-credential-<name>} helper on PATH. */
    @JsonProperty("credential-helper")
    public String credentialHelper;
    public Boolean insecure;

    @JsonAnySetter
    void other(String key, Object value) {
      Extensions.accept(key);
    }
  }
}
