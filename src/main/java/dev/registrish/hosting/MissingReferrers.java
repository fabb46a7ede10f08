package dev.registrish.hosting;

import com.sun.net.httpserver.HttpExchange;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Names;
import dev.registrish.tree.Referrers;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import java.io.IOException;
import java.util.List;

/**
 * How a host answers {@code /v2/<name>/referrers/<digest>} when it holds no document for it: a valid digest gets an
 * empty index (the spec forbids a 404 there: clients would take the API as unsupported), a malformed one a 400. A
 * query string ({@code ?artifactType=}) changes nothing, and no {@code OCI-Filters-Applied} is ever sent: a static
 * registry cannot filter.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">listing referrers</a>
 */
final class MissingReferrers {
  private static final String FOLDER = "/referrers/";

  private MissingReferrers() {}

  /** Whether {@code key} asks for referrers (of a valid repository), whatever follows {@code referrers/}. */
  static boolean asked(String key) {
    int at = key.lastIndexOf(FOLDER);
    return key.startsWith(RegistryKey.ROOT) && at > RegistryKey.ROOT.length()
        && Names.isRepository(key.substring(RegistryKey.ROOT.length(), at));
  }

  /** Answers a referrers request that has no document: the empty index, or 400 for a malformed digest. */
  static void answer(HttpExchange ex, String key, HeaderRules rules) throws IOException {
    RegistryKey k = RegistryKey.parse(key);
    if (k == null || k.kind() != Kind.REFERRERS) {
      Exchanges.error(ex, 400, RegistryErrors.DIGEST_INVALID);
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", rules.referrers().cacheControl());
    Exchanges.bytes(ex, 200, rules.referrers().contentType(), Referrers.document(List.of()).bytes());
  }
}
