package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import java.time.Duration;

/**
 * The one rule for every object's headers, used by publish, the static-host configs, serve and
 * verify: manifests by their media type, blobs as octet-stream, content-addressed objects
 * immutable, tags and derived documents short-lived, error answers never cached. Never a Content-Encoding.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">distribution spec</a>
 */
public final class HeaderRules {
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /** Cache-Control of error answers: a cached 404 would outlive the publish that fixes it. */
  public static final String NOT_CACHED = "no-cache";
  /** The user-metadata entry holding an object's sha256 digest. */
  public static final String SHA256_METADATA = "sha256";
  /** Sent with every answer of a host we configure: browsers must not guess a type we did not set. */
  public static final String NOSNIFF_HEADER = "X-Content-Type-Options";
  public static final String NOSNIFF = "nosniff";
  /** Bumped whenever the rules below change, so published headers are re-checked. */
  private static final int VERSION = 1;

  private final Duration tagMaxAge;

  public HeaderRules(Duration tagMaxAge) {
    this.tagMaxAge = tagMaxAge;
  }

  /** The default policy: tags and derived documents cached for 60 seconds. */
  public static HeaderRules defaults() {
    return new HeaderRules(Duration.ofSeconds(60));
  }

  public Duration tagMaxAge() {
    return tagMaxAge;
  }

  public String shortLived() {
    return "public, max-age=" + tagMaxAge.toSeconds();
  }

  /** Headers a static host serves every blob with; its Docker-Content-Digest is its file name. */
  public ObjectHeaders blobs() {
    return new ObjectHeaders(MediaType.OCTET_STREAM, IMMUTABLE, null, null);
  }

  public ObjectHeaders blob(Digest digest) {
    return new ObjectHeaders(MediaType.OCTET_STREAM, IMMUTABLE, digest.toString(), null);
  }

  public ObjectHeaders manifestByDigest(RawManifest manifest) {
    return manifestByDigest(manifest.mediaType(), manifest.digest());
  }

  /** A manifest's headers from its media type and digest, for a manifest whose bytes are not at hand. */
  public ObjectHeaders manifestByDigest(String mediaType, Digest digest) {
    return new ObjectHeaders(mediaType, IMMUTABLE, digest.toString(), digest.toString());
  }

  public ObjectHeaders tag(RawManifest manifest) {
    return tag(manifest.mediaType(), manifest.digest());
  }

  /** A tag's headers from its manifest's media type and digest. */
  public ObjectHeaders tag(String mediaType, Digest digest) {
    return new ObjectHeaders(mediaType, shortLived(), digest.toString(), digest.toString());
  }

  /** Headers a static host serves {@code v2/}, {@code tags/list} and {@code _catalog} with. */
  public ObjectHeaders derived() {
    return new ObjectHeaders(MediaType.JSON, shortLived(), null, null);
  }

  /** Headers of {@code v2/}, {@code tags/list} and {@code _catalog}, whose bytes have {@code digest}, as stored in a bucket. */
  public ObjectHeaders derived(Digest digest) {
    return new ObjectHeaders(MediaType.JSON, shortLived(), null, digest.toString());
  }

  /**
   * Headers a static host serves referrers documents with: exactly the OCI index type, no parameter (clients
   * compare the string), short-lived like tags.
   */
  public ObjectHeaders referrers() {
    return new ObjectHeaders(MediaType.OCI_INDEX, shortLived(), null, null);
  }

  /** Headers of a referrers document whose bytes have {@code digest}, as stored in a bucket. */
  public ObjectHeaders referrers(Digest digest) {
    return new ObjectHeaders(MediaType.OCI_INDEX, shortLived(), null, digest.toString());
  }

  /** Headers of a JSON error answer (404, 400, 405). */
  public static ObjectHeaders error() {
    return new ObjectHeaders(MediaType.JSON, NOT_CACHED, null, null);
  }

  /** A short fingerprint of this policy, recorded in the bucket so a change is noticed. */
  public String fingerprint() {
    return "v" + VERSION + ";tags=" + tagMaxAge.toSeconds();
  }
}
