package dev.registrish.upstream;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads images from upstream registries (Docker Hub, ghcr.io, a distribution registry) as a content
 * source: resolves references by HEAD, fetches manifests as their exact bytes, lists tags, and streams
 * blobs hashed on the way. Authenticates with bearer tokens or Basic auth from {@link Credentials},
 * and counts its requests by kind. Thread-safe; one client per run shares its token cache.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution spec</a>
 */
public final class UpstreamClient {
  private final RequestCounts counts = new RequestCounts();
  private final Manifests manifests;
  private final Tags tags;
  private final Blobs blobs;

  private UpstreamClient(Builder b) {
    Transport transport = new Transport(b.timeout, b.attempts, b.firstDelay, b.insecure, counts);
    Calls calls = new Calls(transport, new Authorizer(b.credentials, new Tokens(transport)));
    this.manifests = new Manifests(calls, transport);
    this.tags = new Tags(calls, transport);
    this.blobs = new Blobs(calls, transport, b.attempts);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What {@code ref} points at (digest, media type, size), by HEAD; by GET when the registry sends no digest on HEAD. */
  public Resolution resolve(UpstreamReference ref) throws UpstreamException {
    return manifests.resolve(ref);
  }

  /**
   * The manifest's exact bytes. Their digest must equal {@code ref}'s digest when it has one (pass
   * {@link Resolution#pinned()}), else the registry's {@code Docker-Content-Digest}; at most 4 MiB; schema1 is refused.
   */
  public RawManifest manifest(UpstreamReference ref) throws UpstreamException {
    return manifests.get(ref);
  }

  /** Every tag of {@code ref}'s repository, {@code pageSize} per request (0: the registry's default). */
  public TagList tags(UpstreamReference ref, int pageSize) throws UpstreamException {
    return tags.list(ref, pageSize);
  }

  /**
   * A blob of {@code ref}'s repository as a stream to read once and close; {@code size} is the
   * descriptor's size, or -1 to take the registry's Content-Length.
   */
  public BlobStream blob(UpstreamReference ref, Digest digest, long size) throws UpstreamException {
    return blobs.open(ref, digest, size);
  }

  /** A blob's size by HEAD, or empty when the registry does not have it. */
  public OptionalLong blobSize(UpstreamReference ref, Digest digest) throws UpstreamException {
    return blobs.size(ref, digest);
  }

  /** The referrers index of {@code subject}, or empty when the registry does not support the referrers API. */
  public Optional<RawManifest> referrers(UpstreamReference ref, Digest subject) throws UpstreamException {
    return manifests.referrers(ref, subject);
  }

  /** The requests sent so far, by kind. */
  public RequestCounts counts() {
    return counts;
  }

  /** Settings of a client; defaults: anonymous, 30 s timeout, 3 attempts backing off from 500 ms, no insecure registry. */
  public static final class Builder {
    private Credentials credentials = Credentials.anonymous();
    private Duration timeout = Duration.ofSeconds(30);
    private int attempts = 3;
    private Duration firstDelay = Duration.ofMillis(500);
    private final Set<String> insecure = new HashSet<>();

    private Builder() {}

    public Builder credentials(Credentials value) {
      this.credentials = value;
      return this;
    }

    /** The timeout for connecting, for each response's headers, and for a read of a body that waits for data. */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Tries per request on connection failures and 5xx, and resumes per blob download (at least 1). */
    public Builder attempts(int value, Duration firstBackoff) {
      if (value < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      this.attempts = value;
      this.firstDelay = firstBackoff;
      return this;
    }

    /** Lets a registry (as written in references, e.g. {@code registry.lan:5000}) be reached over plain HTTP. */
    public Builder insecure(String registry) {
      insecure.add(RegistryHosts.normalize(registry));
      return this;
    }

    public UpstreamClient build() {
      return new UpstreamClient(this);
    }
  }
}
