package dev.registrish.store;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and how to reach one bucket: the profile's settings resolved against the command's options.
 *
 * @param uri the endpoint, or null for the SDK's default (AWS)
 * @param region the signing region, or null for the SDK's region chain
 * @param acl the object ACL to send ({@code none} or {@code public-read})
 * @param credentials the SDK's default chain, or anonymous for the embedded endpoint
 */
public record Endpoint(Profile profile, URI uri, String region, String bucket, String acl,
    AwsCredentialsProvider credentials) {

  /**
   * Whether the server runs on this machine (loopback address or {@code *.localhost}): it then shares
   * this machine's CPUs, and a listing gains nothing from more ranges at once than there are CPUs.
   */
  public boolean isLocal() {
    String host = uri == null ? null : uri.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(java.util.Locale.ROOT);
    return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]")
        || host.equals("::1");
  }
}
