package dev.registrish.upstream;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Authorization header for each request: nothing until a registry challenges, then, for that
 * registry, a Bearer token for {@code repository:<repo>:pull} or Basic credentials. Challenges and
 * credentials are remembered per registry and repository, so a run asks the credential sources once.
 */
final class Authorizer {
  private final Credentials credentials;
  private final Tokens tokens;
  private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
  private final Map<String, Optional<Credential>> found = new ConcurrentHashMap<>();

  Authorizer(Credentials credentials, Tokens tokens) {
    this.credentials = credentials;
    this.tokens = tokens;
  }

  /** The Authorization value for a request about {@code ref}, or null while the registry has not challenged. */
  String header(UpstreamReference ref) throws UpstreamException {
    Challenge c = challenges.get(ref.registry());
    if (c == null) {
      return null;
    }
    if (c.isBearer()) {
      return "Bearer " + tokens.token(ref, c, scope(ref), credential(ref));
    }
    return credential(ref).map(Credential::basicHeader).orElse(null);
  }

  /**
   * Learns from a 401 answer to a request that carried {@code sent}; returns whether sending again,
   * with {@link #header} anew, can succeed (a first challenge, or a token the registry no longer takes).
   */
  boolean challenged(UpstreamReference ref, HttpResponse<InputStream> r, String sent) throws UpstreamException {
    Challenge c = Challenge.pick(r.headers().allValues("WWW-Authenticate"));
    if (c == null || !(c.isBearer() || c.isBasic())) {
      return false;
    }
    challenges.put(ref.registry(), c);
    if (c.isBearer()) {
      tokens.invalidate(c, scope(ref));
      return true;
    }
    return sent == null && credential(ref).isPresent();
  }

  /** Whether credentials were found for {@code ref} (for messages; never the credentials themselves). */
  boolean hasCredential(UpstreamReference ref) throws UpstreamException {
    return credential(ref).isPresent();
  }

  private Optional<Credential> credential(UpstreamReference ref) throws UpstreamException {
    String key = ref.name();
    Optional<Credential> known = found.get(key);
    if (known == null) {
      known = credentials.find(ref.registry(), ref.repository());
      found.put(key, known);
    }
    return known;
  }

  private static String scope(UpstreamReference ref) {
    return "repository:" + ref.repository() + ":pull";
  }
}
