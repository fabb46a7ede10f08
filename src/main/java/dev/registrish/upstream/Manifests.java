package dev.registrish.upstream;

import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Manifests upstream: resolving a reference by HEAD (by GET when the registry sends no digest),
 * fetching the exact bytes and checking their digest, and the referrers API.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">pulling manifests</a>
 */
final class Manifests {
  /** Registries refuse manifests above 4 MiB, and so does the client. */
  static final int LIMIT = 4 << 20;
  /** Indexes first, so a registry answers a multi-platform tag with its index, not one platform; schema1 last. */
  static final String ACCEPT = String.join(", ", MediaType.OCI_INDEX, MediaType.OCI_MANIFEST, MediaType.DOCKER_LIST,
      MediaType.DOCKER_MANIFEST, MediaType.SCHEMA1_SIGNED, MediaType.SCHEMA1);
  private final Calls calls;
  private final Transport transport;

  Manifests(Calls calls, Transport transport) {
    this.calls = calls;
    this.transport = transport;
  }

  Resolution resolve(UpstreamReference ref) throws UpstreamException {
    HttpResponse<InputStream> r = calls.send(new Call(ref, RequestKind.MANIFEST_HEAD, "HEAD", uri(ref, "manifests/"
        + ref.reference()), Map.of("Accept", ACCEPT), null, null));
    requireFound(ref, r);
    UpstreamResponses.close(r);
    String type = supportedType(ref, UpstreamResponses.mediaType(r));
    String header = r.headers().firstValue("Docker-Content-Digest").orElse("");
    if (!Digest.isValid(header)) {
      RawManifest m = get(ref);
      Digest digest = ref.digest() != null ? ref.digest() : m.digest();
      return new Resolution(ref, digest, m.mediaType(), m.bytes().length, RateLimit.of(r), true);
    }
    Digest digest = Digest.parse(header);
    if (ref.digest() != null && !ref.digest().equals(digest)) {
      throw new UpstreamException(UpstreamException.Reason.DIGEST_MISMATCH, ref, "the registry names it " + digest);
    }
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Resolution(ref, digest, type, size, RateLimit.of(r), false);
  }

  RawManifest get(UpstreamReference ref) throws UpstreamException {
    HttpResponse<InputStream> r = calls.send(Call.get(ref, RequestKind.MANIFEST_GET, uri(ref, "manifests/" + ref.reference()),
        Map.of("Accept", ACCEPT)));
    requireFound(ref, r);
    supportedType(ref, UpstreamResponses.mediaType(r));
    byte[] bytes = r.headers().firstValueAsLong("Content-Length").orElse(0) > LIMIT ? null : UpstreamResponses.read(r, LIMIT, ref);
    if (bytes == null) {
      UpstreamResponses.close(r);
      throw new UpstreamException(UpstreamException.Reason.MANIFEST_TOO_LARGE, ref, "the manifest is larger than "
          + (LIMIT >> 20) + " MiB");
    }
    String header = r.headers().firstValue("Docker-Content-Digest").orElse("");
    Digest expected = ref.digest() != null ? ref.digest() : Digest.isValid(header) ? Digest.parse(header) : null;
    Digest sha256 = Digest.sha256(bytes);
    Digest actual = expected == null || expected.algorithm().equals("sha256") ? sha256
        : new Digest(expected.algorithm(), HexFormat.of().formatHex(expected.newHasher().digest(bytes)));
    if (expected != null && !expected.equals(actual)) {
      throw new UpstreamException(UpstreamException.Reason.DIGEST_MISMATCH, ref, "the manifest's bytes hash to "
          + actual + ", not " + expected);
    }
    try {
      RawManifest m = RawManifest.parse(bytes, sha256);
      supportedType(ref, m.mediaType());
      return m;
    } catch (InvalidManifestException e) {
      throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref, "not a manifest: " + e.getMessage());
    }
  }

  /** The referrers index of {@code subject}, or empty when the registry does not support the referrers API. */
  Optional<RawManifest> referrers(UpstreamReference ref, Digest subject) throws UpstreamException {
    HttpResponse<InputStream> r = calls.send(Call.get(ref, RequestKind.REFERRERS, uri(ref, "referrers/" + subject),
        Map.of("Accept", MediaType.OCI_INDEX)));
    boolean index = UpstreamResponses.mediaType(r).equals(MediaType.OCI_INDEX);
    if ((r.statusCode() == 404 || r.statusCode() == 400) && !index) {
      UpstreamResponses.close(r);
      return Optional.empty();
    }
    if (r.statusCode() != 200 || !index) {
      throw UpstreamResponses.unexpected(r, ref, "the referrers API");
    }
    byte[] bytes = UpstreamResponses.read(r, LIMIT, ref);
    if (bytes == null) {
      throw new UpstreamException(UpstreamException.Reason.MANIFEST_TOO_LARGE, ref, "the referrers index is larger than "
          + (LIMIT >> 20) + " MiB");
    }
    try {
      return Optional.of(RawManifest.parse(bytes));
    } catch (InvalidManifestException e) {
      throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref, "the referrers index is not an index: "
          + e.getMessage());
    }
  }

  private URI uri(UpstreamReference ref, String rest) {
    return transport.api(ref.registry()).resolve(ref.repository() + "/" + rest);
  }

  private static void requireFound(UpstreamReference ref, HttpResponse<InputStream> r) throws UpstreamException {
    if (r.statusCode() == 404) {
      throw new UpstreamException(UpstreamException.Reason.TAG_NOT_FOUND, ref, "no such manifest upstream (HTTP 404)"
          + UpstreamResponses.registryError(r, ref));
    }
    if (r.statusCode() != 200) {
      throw UpstreamResponses.unexpected(r, ref, "the manifest request");
    }
  }

  private static String supportedType(UpstreamReference ref, String type) throws UpstreamException {
    if (type.equals(MediaType.SCHEMA1) || type.equals(MediaType.SCHEMA1_SIGNED)) {
      throw new UpstreamException(UpstreamException.Reason.UNSUPPORTED_MEDIA_TYPE, ref, "Docker schema1 manifests ("
          + type + ") are deprecated and not mirrored");
    }
    if (!type.isEmpty() && !type.equals(MediaType.JSON) && !MediaType.isManifestType(type)) {
      throw new UpstreamException(UpstreamException.Reason.UNSUPPORTED_MEDIA_TYPE, ref, "served as " + type
          + ", not a manifest type");
    }
    return type;
  }
}
