package dev.registrish.testing;

import dev.registrish.store.Credentials;
import dev.registrish.store.Endpoint;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Profile;
import dev.registrish.store.ProfileException;
import dev.registrish.store.Profiles;
import dev.registrish.store.RemoteObject;
import dev.registrish.store.S3Clients;
import dev.registrish.store.S3ObjectStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real S3 API in-process: S3Proxy on the in-memory {@code transient-nio2} backend, with signed
 * requests, a bucket served at the root of {@code <bucket>.localhost:<port>} for anonymous pulls,
 * and the server-side request log of {@link CountingBlobStore}.
 */
public final class S3ProxyFixture implements AutoCloseable, AfterAllCallback {
  private final AtomicInteger buckets = new AtomicInteger();
  public static final String IDENTITY = "AKIDREGISTRISHTEST";
  public static final String SECRET = "registrish-test-secret-4f1c9a";

  public final S3Proxy proxy;
  public final CountingBlobStore store;
  private final BlobStoreContext context;

  public S3ProxyFixture() throws Exception {
    this("transient-nio2");
  }

  /** A fixture for one test class: {@code @RegisterExtension static final S3ProxyFixture s3 = S3ProxyFixture.forClass();}. */
  public static S3ProxyFixture forClass() {
    try {
      return new S3ProxyFixture();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  /** Stops the fixture after the class that registered it. */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  /**
   * A fixture on another jclouds backend. {@code transient} (a plain in-memory map) keeps a key
   * ending in {@code /}, such as the {@code v2/} ping, as an ordinary object the way S3 does;
   * the nio2 backends store it as a folder that answers 200 (empty, {@code application/x-directory})
   * and cannot be deleted while keys below it exist.
   */
  public S3ProxyFixture(String provider) throws Exception {
    this(provider, AuthenticationType.AWS_V2_OR_V4, false);
  }

  /**
   * A fixture that checks no signature: requests signed with any key are accepted, so that a proxy in
   * front may change signed headers (see {@link FaultProxy.StripHeaders}).
   */
  public static S3ProxyFixture withoutAuthentication() throws Exception {
    return new S3ProxyFixture("transient-nio2", AuthenticationType.NONE, false);
  }

  /**
   * A fixture on the in-memory backend that also takes requests signed with temporary credentials: S3Proxy
   * refuses their {@code x-amz-security-token} header (HTTP 501) unless told to let unknown headers through.
   * The header is still part of the signature it checks.
   */
  public static S3ProxyFixture acceptingSessionTokens() throws Exception {
    return new S3ProxyFixture("transient-nio2", AuthenticationType.AWS_V2_OR_V4, true);
  }

  private S3ProxyFixture(String provider, AuthenticationType authentication, boolean sessionTokens) throws Exception {
    Properties props = new Properties();
    context = ContextBuilder.newBuilder(provider).credentials("x", "y").overrides(props)
        .build(BlobStoreContext.class);
    store = new CountingBlobStore(context.getBlobStore());
    proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(authentication, authentication == AuthenticationType.NONE ? null : IDENTITY,
            authentication == AuthenticationType.NONE ? null : SECRET)
        .virtualHost("localhost").ignoreUnknownHeaders(sessionTokens).build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    System.setProperty("aws.accessKeyId", IDENTITY);
    System.setProperty("aws.secretAccessKey", SECRET);
  }

  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  public URI uri() {
    return URI.create("http://localhost:" + proxy.getPort());
  }

  /** The anonymous, virtual-host URL that registry clients pull from (needs {@code <bucket>.localhost} in /etc/hosts). */
  public String publicUrl(String bucket) {
    return "http://" + bucket + ".localhost:" + proxy.getPort();
  }

  /** Runs {@code registrish publish} of {@code tree} to {@code bucket} through {@code endpoint} (this proxy, or a proxy in front). */
  public static Cli.Run publish(String endpoint, String bucket, Path tree, String... extra) {
    List<String> args = new ArrayList<>(List.of("publish", "--bucket", bucket, "--profile", "local",
        "--endpoint", endpoint, "--tree", tree.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Runs {@code registrish publish} of {@code tree} to {@code bucket} on this proxy. */
  public Cli.Run publish(String bucket, Path tree, String... extra) {
    return publish(uri().toString(), bucket, tree, extra);
  }

  /** Every key of a bucket, sorted. */
  public List<String> keys(String bucket) throws ProfileException {
    try (ObjectStore store = objectStore(bucket)) {
      return store.list("").stream().map(RemoteObject::key).toList();
    }
  }

  /** Creates a bucket with a name not used before on this proxy: {@code prefix} and a number. */
  public String newBucket(String prefix) {
    String bucket = prefix + buckets.incrementAndGet();
    createBucket(bucket);
    return bucket;
  }

  /** A store on this proxy through the {@code local} profile, with the test credentials. */
  public ObjectStore objectStore(String bucket) throws ProfileException {
    return objectStore(uri(), bucket);
  }

  /** A store on this proxy reached through {@code endpoint} (a proxy in front), as {@link #objectStore(String)}. */
  public static ObjectStore objectStore(URI endpoint, String bucket) throws ProfileException {
    Profile profile = Profiles.load("local", Map.of());
    Endpoint at = new Endpoint(profile, endpoint, "us-east-1", bucket, "public-read", new Credentials.KeyPair(IDENTITY, SECRET));
    return new S3ObjectStore(S3Clients.create(at, 8), at, 4);
  }

  /** Incomplete multipart uploads in a bucket, as the S3 API lists them. */
  public int openUploads(String bucket) throws ProfileException {
    Profile profile = Profiles.load("local", Map.of());
    Endpoint endpoint = new Endpoint(profile, uri(), "us-east-1", bucket, "none",
        new Credentials.KeyPair(IDENTITY, SECRET));
    try (var client = S3Clients.create(endpoint, 1)) {
      for (int attempt = 0; ; attempt++) {
        try {
          return client.s3().listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
        } catch (S3Exception e) {
          // S3Proxy's nio2 backends answer 400 to a listing that meets an object still being written
          if (e.statusCode() != 400 || attempt >= 50) {
            throw e;
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
