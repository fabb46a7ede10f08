package dev.registrish.store;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * An open connection to one bucket, resolved from a profile and the command's overrides: the store,
 * its endpoint, and the embedded endpoint when the {@code local} profile runs one.
 */
public final class StoreSession implements AutoCloseable {
  private final ObjectStore store;
  private final Endpoint endpoint;
  private final EmbeddedEndpoint embedded;

  private StoreSession(ObjectStore store, Endpoint endpoint, EmbeddedEndpoint embedded) {
    this.store = store;
    this.endpoint = endpoint;
    this.embedded = embedded;
  }

  /**
   * Opens a bucket. {@code endpointOverride}, {@code aclOverride} and {@code regionOverride} may be
   * null; credentials come from the SDK's standard chain only (the embedded endpoint needs none).
   */
  public static StoreSession open(String profileName, String bucket, String endpointOverride, String aclOverride,
      String regionOverride, int concurrency, Map<String, String> env) throws Exception {
    if (bucket == null || !bucket.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]")) {
      throw new ProfileException("invalid bucket name '" + bucket + "': 3 to 63 characters, lower-case letters, digits, "
          + "'.' and '-', starting and ending with a letter or digit");
    }
    Profile profile = Profiles.load(profileName, env);
    String region = regionOverride != null ? regionOverride : profile.region();
    String acl = aclOverride != null ? aclOverride : profile.template().acl;
    if (!acl.equals("none") && !acl.equals("public-read")) {
      throw new ProfileException("--acl must be none or public-read, not " + acl);
    }
    EmbeddedEndpoint embedded = null;
    URI uri;
    if (endpointOverride != null) {
      uri = URI.create(endpointOverride);
    } else if (profile.template().embedded) {
      embedded = EmbeddedEndpoint.start(EmbeddedEndpoint.defaultDataDir(), 0, bucket);
      uri = embedded.uri();
    } else {
      String e = profile.endpoint(region);
      uri = e == null ? null : URI.create(e);
    }
    var credentials = embedded != null ? AnonymousCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
    Endpoint endpoint = new Endpoint(profile, uri, region, bucket, acl, credentials);
    try {
      return new StoreSession(new S3ObjectStore(S3Clients.create(endpoint, concurrency), endpoint, Math.min(8, concurrency)),
          endpoint, embedded);
    } catch (ProfileException | RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  public ObjectStore store() {
    return store;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** The embedded endpoint, or null when the bucket is remote. */
  public EmbeddedEndpoint embedded() {
    return embedded;
  }

  /** The URL clients pull from, or null when the profile cannot know it. */
  public String publicUrl() throws ProfileException {
    return endpoint.profile().publicUrl(endpoint.bucket(), endpoint.region());
  }

  @Override
  public void close() throws Exception {
    store.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
