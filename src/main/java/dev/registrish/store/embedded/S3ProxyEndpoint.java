package dev.registrish.store.embedded;

import dev.registrish.store.EmbeddedEndpoint;
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
 * The embedded endpoint on S3Proxy ({@code filesystem-nio2} backend). Loaded only through
 * {@link EmbeddedEndpoint#start}, in the class loader that sees S3Proxy and its libraries.
 */
public final class S3ProxyEndpoint implements EmbeddedEndpoint {
  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final Path dataDir;

  private S3ProxyEndpoint(S3Proxy proxy, BlobStoreContext context, Path dataDir) {
    this.proxy = proxy;
    this.context = context;
    this.dataDir = dataDir;
  }

  /** Starts on {@code 127.0.0.1:port} (0 for any free port) and creates {@code bucket} if it is new. */
  public static S3ProxyEndpoint start(Path dataDir, int port, String bucket) throws Exception {
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
    return new S3ProxyEndpoint(proxy, context, dataDir);
  }

  @Override
  public URI uri() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public boolean exists(String bucket) {
    return context.getBlobStore().containerExists(bucket);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
