package dev.registrish.upstream;

import dev.registrish.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens from a registry's token service, cached per (realm, service, scope) until they expire
 * ({@code expires_in}, 60 s when absent or shorter). A password goes as Basic auth on a GET; an identity
 * token as an OAuth2 refresh token on a POST, as Docker sends them.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token requests</a>
 */
final class Tokens {
  private static final int BODY_LIMIT = 1 << 20;
  private static final long MIN_SECONDS = 60;

  private record Key(String realm, String service, String scope) {}

  private record Token(String value, Instant expires) {}

  private final Transport transport;
  private final Map<Key, Token> cache = new ConcurrentHashMap<>();
  private final Map<Key, Object> locks = new ConcurrentHashMap<>();

  Tokens(Transport transport) {
    this.transport = transport;
  }

  /** A token for {@code scope}, from the cache or fetched once. */
  String token(UpstreamReference ref, Challenge c, String scope, Optional<Credential> credential) throws UpstreamException {
    Key key = new Key(c.realm(), c.service(), scope);
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      Token t = cache.get(key);
      if (t == null || !Instant.now().isBefore(t.expires())) {
        t = fetch(ref, key, credential);
        cache.put(key, t);
      }
      return t.value();
    }
  }

  /** Forgets the token for {@code scope}: the registry refused it. */
  void invalidate(Challenge c, String scope) {
    cache.remove(new Key(c.realm(), c.service(), scope));
  }

  private Token fetch(UpstreamReference ref, Key key, Optional<Credential> credential) throws UpstreamException {
    if (key.realm() == null || key.realm().isBlank()) {
      throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref, "the registry asks for a token but names no realm");
    }
    String form = (key.service() == null ? "" : "service=" + encode(key.service()) + "&") + "scope=" + encode(key.scope());
    Instant asked = Instant.now();
    Call call;
    if (credential.isPresent() && credential.get().isIdentityToken()) {
      byte[] body = (form + "&grant_type=refresh_token&client_id=registrish&refresh_token="
          + encode(credential.get().identityToken())).getBytes(StandardCharsets.UTF_8);
      call = new Call(ref, RequestKind.TOKEN, "POST", URI.create(key.realm()),
          Map.of("Content-Type", "application/x-www-form-urlencoded"), null, body);
    } else {
      URI uri = URI.create(key.realm() + (key.realm().contains("?") ? "&" : "?") + form);
      call = Call.get(ref, RequestKind.TOKEN, uri, Map.of()).withAuthorization(credential.map(Credential::basicHeader).orElse(null));
    }
    HttpResponse<InputStream> r = transport.send(call);
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new UpstreamException(UpstreamException.Reason.UNAUTHORIZED, ref, "the token service " + Transport.shown(call.uri())
          + " refused " + (credential.isPresent() ? "the credentials" : "anonymous access") + " (HTTP " + r.statusCode() + ")"
          + UpstreamResponses.registryError(r, ref));
    }
    if (r.statusCode() != 200) {
      throw UpstreamResponses.unexpected(r, ref, "the token service " + Transport.shown(call.uri()));
    }
    byte[] bytes = UpstreamResponses.read(r, BODY_LIMIT, ref);
    TokenTemplate t;
    try {
      t = bytes == null ? null : Json.MAPPER.readValue(bytes, TokenTemplate.class);
    } catch (IOException e) {
      t = null;
    }
    String value = t == null ? null : t.token != null && !t.token.isEmpty() ? t.token : t.accessToken;
    if (value == null || value.isEmpty()) {
      throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref, "the token service " + Transport.shown(call.uri())
          + " answered without a token");
    }
    long seconds = t.expiresIn == null ? MIN_SECONDS : Math.max(MIN_SECONDS, t.expiresIn);
    return new Token(value, asked.plus(Duration.ofSeconds(seconds)));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
