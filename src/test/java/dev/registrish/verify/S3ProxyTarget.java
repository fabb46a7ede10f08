package dev.registrish.verify;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.Upload;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.TreeObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobAccess;
import org.jclouds.blobstore.options.PutOptions;

/**
 * A bucket of the in-process S3Proxy as a registry: objects written through the S3 API with the
 * {@code local} profile (ACL public-read), pulled anonymously path-style at
 * {@code http://localhost:<port>/<bucket>/}, which needs no DNS entry (S3Proxy takes any
 * other host name, 127.0.0.1 included, for a bucket name).
 */
final class S3ProxyTarget implements RegistryTarget {
  private final S3ProxyFixture s3;
  private final String bucket;
  private final ObjectStore store;

  S3ProxyTarget(S3ProxyFixture s3, String bucket) throws Exception {
    this.s3 = s3;
    this.bucket = bucket;
    s3.createBucket(bucket);
    this.store = s3.objectStore(bucket);
  }

  /** Puts every object with its headers, as publish does. */
  S3ProxyTarget publish(List<TreeObject> objects) {
    for (TreeObject o : objects) {
      store.put(new Upload(o.path(), o.file(), o.bytes(), null, o.size(), o.headers().contentType(), o.headers().cacheControl(),
          Map.of()));
    }
    return this;
  }

  String bucket() {
    return bucket;
  }

  @Override
  public URI url() {
    return URI.create("http://localhost:" + s3.proxy.getPort() + "/" + bucket + "/");
  }

  /** Written straight into the backend: the S3 API of the store has no Content-Encoding field. */
  @Override
  public void replace(String key, byte[] bytes, String contentType, String cacheControl, String contentEncoding) {
    BlobStore blobs = s3.blobStore();
    Blob blob = blobs.blobBuilder(key).payload(bytes).contentLength(bytes.length).contentType(contentType)
        .cacheControl(cacheControl).contentEncoding(contentEncoding).build();
    blobs.putBlob(bucket, blob, new PutOptions().setBlobAccess(BlobAccess.PUBLIC_READ));
  }

  @Override
  public void delete(String key) {
    store.delete(List.of(key));
  }

  @Override
  public void close() {
    store.close();
  }
}
