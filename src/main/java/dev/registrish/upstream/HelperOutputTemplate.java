package dev.registrish.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code docker-credential-<name> get} prints.
 *
 * @see <a href="https://github.com/docker/docker-credential-helpers">docker-credential-helpers</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
class HelperOutputTemplate {
  @JsonProperty("ServerURL")
  public String serverUrl;
  @JsonProperty("Username")
  public String username;
  @JsonProperty("Secret")
  public String secret;
}
