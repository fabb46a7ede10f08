package dev.registrish.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible endpoint inside this process (S3Proxy, {@code filesystem-nio2} backend) with
 * its data in a local folder, for the {@code local} profile: no account, no server to install.
 * It listens on loopback only and needs no credentials.
 */
public final class EmbeddedEndpoint implements AutoCloseable {
  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final Path dataDir;

  private EmbeddedEndpoint(S3Proxy proxy, BlobStoreContext context, Path dataDir) {
    this.proxy = proxy;
    this.context = context;
    this.dataDir = dataDir;
  }

  /** The data folder: {@code REGISTRISH_LOCAL_DIR}, else {@code $XDG_DATA_HOME/registrish/local-s3}, else {@code ~/.local/share/registrish/local-s3}. */
  public static Path defaultDataDir() {
    String dir = System.getProperty("registrish.local.dir", System.getenv("REGISTRISH_LOCAL_DIR"));
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("registrish").resolve("local-s3");
  }

  /** Starts on {@code 127.0.0.1:port} (0 for any free port) and creates {@code bucket} if it is new. */
  public static EmbeddedEndpoint start(Path dataDir, int port, String bucket) throws Exception {
    Files.createDirectories(dataDir);
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
    BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
        .credentials("local", "local").overrides(props).build(BlobStoreContext.class);
    BlobStore store = context.getBlobStore();
    if (bucket != null && !store.containerExists(bucket)) {
      store.createContainerInLocation(null, bucket);
    }
    S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.NONE, null, null).build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return new EmbeddedEndpoint(proxy, context, dataDir);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** A bucket's root as a path-style URL, e.g. {@code http://127.0.0.1:PORT/bucket/}. */
  public URI bucketUri(String bucket) {
    return URI.create(uri() + "/" + bucket + "/");
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Whether a bucket exists in the data folder. */
  public boolean exists(String bucket) {
    return context.getBlobStore().containerExists(bucket);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
