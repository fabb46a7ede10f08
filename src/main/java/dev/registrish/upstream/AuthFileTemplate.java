package dev.registrish.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Docker's {@code config.json} and containers' {@code auth.json}: the fields that hold credentials.
 *
 * @see <a href="https://github.com/containers/image/blob/main/docs/containers-auth.json.5.md">containers-auth.json(5)</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
class AuthFileTemplate {
  public Map<String, Entry> auths;
  public Map<String, String> credHelpers;
  public String credsStore;

  /** One {@code auths} entry: base64 {@code user:password}, or separate fields, or an identity token. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static class Entry {
    public String auth;
    public String username;
    public String password;
    public String identitytoken;
  }
}
