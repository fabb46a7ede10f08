package dev.registrish.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A token service's answer: {@code token} (Docker) or {@code access_token} (OAuth2), and its lifetime.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/#token-response-fields">token response fields</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
class TokenTemplate {
  public String token;
  @JsonProperty("access_token")
  public String accessToken;
  @JsonProperty("expires_in")
  public Long expiresIn;
}
