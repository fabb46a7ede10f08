package dev.registrish.verify;

import dev.registrish.oci.Digest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Flow;

/** Hashes a response body as it streams in (sha256), keeping only its length: blobs of any size in constant memory. */
final class DigestingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
  private final MessageDigest sha256 = Digest.newHasher("sha256");
  private long length;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      length += b.remaining();
      sha256.update(b);
    }
  }

  @Override
  public void onError(Throwable t) {
    // the client completes the response exceptionally; nothing to keep
  }

  @Override
  public void onComplete() {
    // result() is read by the finisher
  }

  /** The finished body: its digest and length. */
  Hashed result() {
    return new Hashed(new Digest("sha256", HexFormat.of().formatHex(sha256.digest())), length);
  }

  /** A hashed body. */
  record Hashed(Digest digest, long length) {}
}
