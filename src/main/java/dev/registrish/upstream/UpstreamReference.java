package dev.registrish.upstream;

import dev.registrish.oci.Digest;
import dev.registrish.tree.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image in an upstream registry, {@code SOURCE[:TAG|@DIGEST]}, read the way Docker reads it:
 * {@code alpine} is {@code docker.io/library/alpine}; the first path part is a registry when it has
 * a dot, a port or is {@code localhost}.
 *
 * @param registry the registry name, e.g. {@code docker.io}, {@code ghcr.io}, {@code localhost:5000}
 * @param tag the tag, or null
 * @param digest the digest, or null (when both are given the digest decides)
 */
public record UpstreamReference(String registry, String repository, String tag, Digest digest) {
  private static final Pattern HOST = Pattern.compile("([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*"
      + "[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(:[0-9]{1,5})?");

  /** Parses a reference; throws {@link UpstreamException} ({@code invalid-reference}) saying what is wrong. */
  public static UpstreamReference parse(String value) throws UpstreamException {
    String rest = value;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String d = rest.substring(at + 1);
      if (!Digest.isValid(d)) {
        throw invalid(value, "'" + d + "' is not a digest (sha256:<64 hex>)");
      }
      digest = Digest.parse(d);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!Names.isTag(tag)) {
        throw invalid(value, "invalid tag '" + tag + "' (" + Names.tagRule() + ")");
      }
    }
    String registry = RegistryHosts.DOCKER_HUB;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT)))) {
      if (!HOST.matcher(first).matches()) {
        throw invalid(value, "invalid registry '" + first + "'");
      }
      registry = RegistryHosts.normalize(first);
      rest = rest.substring(slash + 1);
    }
    if (registry.equals(RegistryHosts.DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (!Names.isRepository(rest)) {
      throw invalid(value, "invalid repository name '" + rest + "' (" + Names.repositoryRule() + ")");
    }
    return new UpstreamReference(registry, rest, tag, digest);
  }

  private static UpstreamException invalid(String value, String why) {
    return new UpstreamException(UpstreamException.Reason.INVALID_REFERENCE, "'" + value + "'", why);
  }

  /** The same repository at another tag. */
  public UpstreamReference withTag(String newTag) {
    return new UpstreamReference(registry, repository, newTag, null);
  }

  /** The same image pinned to a digest (the tag kept for messages). */
  public UpstreamReference withDigest(Digest newDigest) {
    return new UpstreamReference(registry, repository, tag, newDigest);
  }

  /** What goes after {@code /manifests/}: the digest, else the tag, else {@code latest}. */
  public String reference() {
    return digest != null ? digest.toString() : tag != null ? tag : "latest";
  }

  /** {@code registry/repository}, e.g. {@code docker.io/library/alpine}. */
  public String name() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    String shown = name() + (tag != null ? ":" + tag : "");
    return digest != null ? shown + "@" + digest : tag != null ? shown : shown + ":latest";
  }
}
