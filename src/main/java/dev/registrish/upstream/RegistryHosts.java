package dev.registrish.upstream;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Docker's rules for registry names: Docker Hub's aliases and API host, the key its credentials
 * are stored under, and which hosts may be reached over plain HTTP (loopback only, by name).
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/normalize.go">Docker's reference normalization</a>
 */
public final class RegistryHosts {
  /** Docker Hub's registry name in references. */
  public static final String DOCKER_HUB = "docker.io";
  /** The host Docker Hub's registry API answers on. */
  public static final String DOCKER_HUB_API = "registry-1.docker.io";
  /** The key Docker stores Docker Hub's credentials under, and the server URL credential helpers are asked for. */
  public static final String DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private RegistryHosts() {}

  /** The host[:port] the registry's API is served on. */
  public static String apiHost(String registry) {
    return DOCKER_HUB.equals(registry) ? DOCKER_HUB_API : registry;
  }

  /**
   * A registry name as written in a reference or an auth file key, normalized: scheme and path
   * dropped from URLs ({@code https://index.docker.io/v1/} is {@code docker.io}), Docker Hub's
   * aliases mapped to {@code docker.io}. A key without a scheme keeps its path, which
   * containers' auth files use for per-namespace credentials ({@code quay.io/org}).
   */
  public static String normalize(String key) {
    String value = key.trim();
    if (value.contains("://")) {
      URI uri = URI.create(value);
      value = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
    int slash = value.indexOf('/');
    String host = (slash < 0 ? value : value.substring(0, slash)).toLowerCase(Locale.ROOT);
    String path = slash < 0 ? "" : value.substring(slash).replaceAll("/+$", "");
    if (host.equals("index.docker.io") || host.equals(DOCKER_HUB_API)) {
      host = DOCKER_HUB;
    }
    return host + path;
  }

  /** The server URL a credential helper is asked about for a registry. */
  public static String helperServerUrl(String registry) {
    return DOCKER_HUB.equals(registry) ? DOCKER_HUB_CONFIG_KEY : registry;
  }

  /** Whether a host (without port) is loopback by its name: {@code localhost}, {@code *.localhost}, 127.0.0.0/8, ::1. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    return IPV4.matcher(h).matches() && h.startsWith("127.");
  }

  /** The host of a {@code host[:port]} registry name. */
  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      return registry.substring(0, registry.indexOf(']') + 1);
    }
    int colon = registry.indexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }
}
