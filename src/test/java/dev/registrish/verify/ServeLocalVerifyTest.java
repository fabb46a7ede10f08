package dev.registrish.verify;

import dev.registrish.hosting.BucketFrontHandler;
import dev.registrish.hosting.RegistryServer;
import dev.registrish.store.EmbeddedEndpoint;
import dev.registrish.tree.HeaderRules;
import dev.registrish.store.Endpoint;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Profiles;
import dev.registrish.store.S3Clients;
import dev.registrish.store.S3ObjectStore;
import dev.registrish.store.Upload;
import dev.registrish.tree.TreeObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import dev.registrish.store.Credentials;

/**
 * The fault table against {@code registrish serve --profile local}: the embedded bucket fronted at
 * a host root, with the headers stored in the bucket passed through. serve answers {@code /v2/}
 * itself and the embedded store keeps no Content-Encoding, so those two faults cannot be seeded here.
 */
class ServeLocalVerifyTest extends VerifyFaultsContract {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  @TempDir
  Path data;

  @Override
  protected Set<Fault> faults() {
    return EnumSet.complementOf(EnumSet.of(Fault.PING_REMOVED, Fault.TAG_GZIP_ENCODED));
  }

  @Override
  protected RegistryTarget publish(ScenarioTree tree) throws Exception {
    String bucket = "serve" + BUCKETS.incrementAndGet();
    EmbeddedEndpoint endpoint = EmbeddedEndpoint.start(data, 0, bucket);
    Endpoint ep = new Endpoint(Profiles.load("local", Map.of()), endpoint.uri(), "us-east-1", bucket, "public-read",
        Credentials.anonymous());
    ObjectStore store = new S3ObjectStore(S3Clients.create(ep, 4), ep, 4);
    for (TreeObject o : tree.objects) {
      store.put(new Upload(o.path(), o.file(), o.bytes(), null, o.size(), o.headers().contentType(), o.headers().cacheControl(), Map.of()));
    }
    RegistryServer server = RegistryServer.start("127.0.0.1", 0, new BucketFrontHandler(endpoint.bucketUri(bucket), HeaderRules.defaults()));
    return new RegistryTarget() {
      @Override
      public URI url() {
        return URI.create(server.uri().toString().replaceAll("/?$", "/"));
      }

      @Override
      public void replace(String key, byte[] bytes, String contentType, String cacheControl, String contentEncoding) {
        store.put(new Upload(key, null, bytes, null, bytes.length, contentType, cacheControl, Map.of()));
      }

      @Override
      public void delete(String key) {
        store.delete(List.of(key));
      }

      @Override
      public void close() throws Exception {
        server.close();
        store.close();
        endpoint.close();
      }
    };
  }
}
