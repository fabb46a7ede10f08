package dev.registrish.upstream;

import dev.registrish.oci.Digest;
import java.util.Optional;

/**
 * What a reference points at upstream, as {@code HEAD /v2/<repo>/manifests/<ref>} tells it.
 *
 * @param size the manifest's size in bytes, or -1 when not sent
 * @param rateLimit the registry's pull limit when it sends one (Docker Hub)
 * @param byGet true when the registry sent no {@code Docker-Content-Digest} on HEAD and the manifest was fetched to hash it
 */
public record Resolution(UpstreamReference reference, Digest digest, String mediaType, long size,
    Optional<RateLimit> rateLimit, boolean byGet) {

  /** The reference pinned to the resolved digest, for fetching exactly these bytes. */
  public UpstreamReference pinned() {
    return reference.withDigest(digest);
  }
}
