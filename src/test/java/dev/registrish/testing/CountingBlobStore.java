package dev.registrish.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.PutOptions2;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobAccess;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpCommand;
import org.jclouds.http.HttpRequest;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.io.Payload;

/**
 * The server's own request log: counts what reaches the blob store behind S3Proxy, by operation.
 * It also makes conditional writes atomic, as S3 does: S3Proxy 3.0.0 checks {@code If-Match} and
 * {@code If-None-Match} on PutObject, then writes, in two steps that another request can come between;
 * here the condition is checked again and the write applied under one lock.
 */
public final class CountingBlobStore extends ForwardingBlobStore {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<String> removed = new CopyOnWriteArrayList<>();
  private final List<String> written = new CopyOnWriteArrayList<>();

  public CountingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  private void count(String op) {
    counts.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
  }

  public long get(String op) {
    AtomicLong n = counts.get(op);
    return n == null ? 0 : n.get();
  }

  /** Writes of any kind: puts, copies, deletes, multipart steps and ACL changes. */
  public long writes() {
    return get("put") + get("copy") + get("remove") + get("multipart") + get("acl");
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Names of the objects removed, in order. */
  public List<String> removed() {
    return List.copyOf(removed);
  }

  /** Names of the objects written by PUT, in the order the writes completed. */
  public List<String> written() {
    return List.copyOf(written);
  }

  public void reset() {
    counts.clear();
    removed.clear();
    written.clear();
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
    count("list");
    return super.list(container, options);
  }

  @Override
  public BlobMetadata blobMetadata(String container, String name) {
    count("head");
    return super.blobMetadata(container, name);
  }

  @Override
  public Blob getBlob(String container, String name, GetOptions options) {
    count("get");
    return super.getBlob(container, name, options);
  }

  @Override
  public Blob getBlob(String container, String name) {
    count("get");
    return super.getBlob(container, name);
  }

  @Override
  public String putBlob(String container, Blob blob) {
    count("put");
    String etag = super.putBlob(container, blob);
    written.add(blob.getMetadata().getName());
    return etag;
  }

  @Override
  public String putBlob(String container, Blob blob, PutOptions options) {
    if (!(options instanceof PutOptions2 p) || p.getIfMatch() == null && p.getIfNoneMatch() == null) {
      count("put");
      String etag = super.putBlob(container, blob, options);
      written.add(blob.getMetadata().getName());
      return etag;
    }
    synchronized (this) {
      BlobMetadata current = super.blobMetadata(container, blob.getMetadata().getName());
      boolean holds = p.getIfNoneMatch() != null ? current == null
          : current != null && unquote(p.getIfMatch()).equals(unquote(current.getETag()));
      if (!holds) {
        HttpRequest request = HttpRequest.builder().method("PUT").endpoint("http://localhost/" + container).build();
        throw new HttpResponseException(new HttpCommand(request),
            HttpResponse.builder().statusCode(412).message("Precondition Failed").build());
      }
      count("put");
      String etag = super.putBlob(container, blob, options);
      written.add(blob.getMetadata().getName());
      return etag;
    }
  }

  private static String unquote(String etag) {
    return etag == null ? "" : etag.replace("\"", "");
  }

  @Override
  public String copyBlob(String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
    count("copy");
    return super.copyBlob(fromContainer, fromName, toContainer, toName, options);
  }

  @Override
  public void removeBlob(String container, String name) {
    count("remove");
    removed.add(name);
    super.removeBlob(container, name);
  }

  @Override
  public void removeBlobs(String container, Iterable<String> names) {
    count("remove");
    names.forEach(removed::add);
    super.removeBlobs(container, names);
  }

  @Override
  public void setBlobAccess(String container, String name, BlobAccess access) {
    count("acl");
    super.setBlobAccess(container, name, access);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(String container, BlobMetadata blob, PutOptions options) {
    count("multipart");
    return super.initiateMultipartUpload(container, blob, options);
  }

  @Override
  public MultipartPart uploadMultipartPart(MultipartUpload mpu, int partNumber, Payload payload) {
    count("multipart");
    return super.uploadMultipartPart(mpu, partNumber, payload);
  }

  @Override
  public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
    count("multipart");
    return super.completeMultipartUpload(mpu, parts);
  }
}
