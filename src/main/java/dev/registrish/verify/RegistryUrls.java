package dev.registrish.verify;

import dev.registrish.oci.Digest;
import dev.registrish.tree.RegistryKey;
import java.net.URI;
import java.util.List;

/**
 * The URLs of a registry below its base URL: the ping, manifests, blobs, referrers, tag lists and the catalog.
 * The base is taken as given (a path-style bucket URL works as well as a host root).
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#endpoints">distribution spec endpoints</a>
 */
public record RegistryUrls(URI base) {

  /** Checks and normalises a base URL (http or https, absolute, ending in {@code /}, no query). */
  public static RegistryUrls of(URI url) {
    if (url == null || url.getScheme() == null || url.getHost() == null
        || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
      throw new IllegalArgumentException("'" + url + "' is not an http or https URL with a host (e.g. https://registry.example.com)");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + url + "': the registry URL takes no query or fragment");
    }
    String s = url.toString();
    return new RegistryUrls(URI.create(s.endsWith("/") ? s : s + "/"));
  }

  public URI ping() {
    return resolve(RegistryKey.ping());
  }

  public URI manifest(String repository, String reference) {
    return resolve(RegistryKey.manifestReference(repository, reference));
  }

  public URI blob(String repository, String digest) {
    return resolve(RegistryKey.blob(repository, Digest.parse(digest)));
  }

  /** The referrers API of {@code subject}, and its fallback tag. */
  public URI referrers(String repository, Digest subject) {
    return resolve(RegistryKey.referrers(repository, subject));
  }

  public URI referrersTag(String repository, Digest subject) {
    return resolve(RegistryKey.referrersTag(repository, subject));
  }

  public URI tagsList(String repository) {
    return resolve(RegistryKey.tagsList(repository));
  }

  public URI catalog() {
    return resolve(RegistryKey.catalog());
  }

  private URI resolve(RegistryKey key) {
    return base.resolve(key.path());
  }

  /** The bucket listing URLs an S3-compatible store answers when anonymous listing is allowed. */
  public List<URI> listings() {
    return List.of(base.resolve("?list-type=2&max-keys=1"), base);
  }
}
