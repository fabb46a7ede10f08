package dev.registrish.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A username and password, or an identity token (an OAuth2 refresh token that Docker's login stores
 * for some registries). Never printed: {@link #toString()} shows neither secret.
 *
 * @param password the password, or null for an identity token
 * @param identityToken the identity token, or null
 */
public record Credential(String username, String password, String identityToken) {

  /** A username and password. */
  public static Credential basic(String username, String password) {
    return new Credential(username, password, null);
  }

  /** An identity token (exchanged at the token service as a refresh token). */
  public static Credential identityToken(String token) {
    return new Credential("<token>", null, token);
  }

  /** Whether this is an identity token rather than a password. */
  public boolean isIdentityToken() {
    return identityToken != null;
  }

  /** The value of a Basic {@code Authorization} header. */
  String basicHeader() {
    String pair = username + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return isIdentityToken() ? "Credential[identity token]" : "Credential[user " + username + ", password hidden]";
  }
}
