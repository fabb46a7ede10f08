package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import java.time.Duration;

/**
 * The one rule for every object's headers, used by publish, the static-host configs, serve and
 * verify: manifests by their media type, blobs as octet-stream, content-addressed objects
 * immutable, tags and derived documents short-lived. Never a Content-Encoding.
 */
public final class HeaderRules {
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
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

  public ObjectHeaders blob(Digest digest) {
    return new ObjectHeaders(MediaType.OCTET_STREAM, IMMUTABLE, digest.toString());
  }

  public ObjectHeaders manifestByDigest(RawManifest manifest) {
    return new ObjectHeaders(manifest.mediaType(), IMMUTABLE, manifest.digest().toString());
  }

  public ObjectHeaders tag(RawManifest manifest) {
    return new ObjectHeaders(manifest.mediaType(), shortLived(), manifest.digest().toString());
  }

  /** Headers of {@code v2/}, {@code tags/list} and {@code _catalog}. */
  public ObjectHeaders derived() {
    return new ObjectHeaders(MediaType.JSON, shortLived(), null);
  }

  /** A short fingerprint of this policy, recorded in the bucket so a change is noticed. */
  public String fingerprint() {
    return "v" + VERSION + ";tags=" + tagMaxAge.toSeconds();
  }
}
