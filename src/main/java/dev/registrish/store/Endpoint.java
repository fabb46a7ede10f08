package dev.registrish.store;

import java.net.URI;
import java.util.Locale;

/**
 * Where and how to reach one bucket: the profile's settings resolved against the command's options.
 *
 * @param uri the endpoint, or null for the SDK's default (AWS)
 * @param region the signing region, or null for the SDK's region chain
 * @param acl the object ACL to send ({@code none} or {@code public-read})
 * @param credentials where the signing credentials come from
 */
public record Endpoint(Profile profile, URI uri, String region, String bucket, String acl,
    Credentials credentials) {

  /**
   * Whether the server runs on this machine (loopback address or {@code *.localhost}): it then shares
   * this machine's CPUs, and a listing gains nothing from more ranges at once than there are CPUs.
   */
  public boolean isLocal() {
    String host = uri == null ? null : uri.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]")
        || host.equals("::1");
  }

  /** Where the endpoint itself is, for messages: its URL without user-info, or AWS S3 for the SDK's default. */
  public String where() {
    return uri == null ? "the AWS S3 endpoint" : DisplayUrl.strip(uri.toString());
  }

  /** The bucket's root as a path-style URL at this endpoint, e.g. {@code http://127.0.0.1:9000/bucket/}. */
  public URI bucketUri() {
    return URI.create(uri.toString().replaceAll("/+$", "") + "/" + bucket + "/");
  }
}
