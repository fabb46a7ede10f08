package dev.registrish.store;

import java.net.URI;
import java.util.Map;

/**
 * An open connection to one bucket, resolved from a profile and the command's overrides: the store,
 * its endpoint, and the embedded endpoint when the {@code local} profile runs one.
 */
public final class StoreSession implements AutoCloseable {
  private final ObjectStore store;
  private final Endpoint endpoint;
  private final EmbeddedEndpoint embedded;
  private final Map<String, String> env;

  private StoreSession(ObjectStore store, Endpoint endpoint, EmbeddedEndpoint embedded, Map<String, String> env) {
    this.store = store;
    this.endpoint = endpoint;
    this.embedded = embedded;
    this.env = env;
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
    Credentials credentials = embedded != null ? Credentials.anonymous() : Credentials.standardChain();
    Endpoint endpoint = new Endpoint(profile, uri, region, bucket, acl, credentials);
    try {
      return new StoreSession(new S3ObjectStore(S3Clients.create(endpoint, concurrency), endpoint, Math.min(8, concurrency)),
          endpoint, embedded, env);
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

  /** The URL clients pull from; throws when the profile cannot know it. */
  public String publicUrl() throws ProfileException {
    return PublicUrls.of(endpoint.profile(), endpoint.bucket(), endpoint.region(), env);
  }

  /**
   * Where the credentials come from, in plain words ("environment (AWS_ACCESS_KEY_ID)", "profile ci (assume role)");
   * throws a {@link StoreException} with the SDK's reason and the profile's hint when there are none.
   */
  public String credentialSource() {
    String hint = endpoint.profile().template().hints.getOrDefault("credentials",
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE");
    return CredentialSource.describe(endpoint.credentials(), env, hint);
  }

  @Override
  public void close() throws Exception {
    store.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
