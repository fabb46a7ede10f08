package dev.registrish.upstream;

import dev.registrish.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob's bytes as they arrive from upstream, read once, hashed on the way with the digest's
 * algorithm. The read that would deliver the last bytes throws a {@code digest-mismatch}
 * {@link UpstreamException} instead when the digest does not match, so a consumer that uploads
 * what it reads never completes a wrong object. A download that breaks (connection reset, early
 * end) resumes from the byte it stopped at, a bounded number of times.
 */
public final class BlobStream extends InputStream {
  /** Opens the blob again from an offset, positioned at that offset. */
  interface Resumer {
    InputStream from(long offset) throws UpstreamException;
  }

  private final UpstreamReference ref;
  private final Digest digest;
  private final long size;
  private final MessageDigest hasher;
  private final Resumer resumer;
  private final int maxResumes;
  private InputStream body;
  private long position;
  private int resumes;
  private boolean verified;
  private UpstreamException failure;

  BlobStream(UpstreamReference ref, Digest digest, long size, InputStream body, Resumer resumer, int maxResumes) {
    this.ref = ref;
    this.digest = digest;
    this.size = size;
    this.hasher = digest.newHasher();
    this.body = body;
    this.resumer = resumer;
    this.maxResumes = maxResumes;
  }

  public Digest digest() {
    return digest;
  }

  /** The blob's size in bytes, or -1 when neither the caller nor the registry said. */
  public long size() {
    return size;
  }

  /** How many times the download was resumed after breaking. */
  public int resumes() {
    return resumes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (verified) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (position == size) {
        verify();
        return -1;
      }
      int n;
      try {
        n = body.read(b, off, size < 0 ? len : (int) Math.min(len, size - position));
      } catch (IOException e) {
        resume(e.getClass().getSimpleName());
        continue;
      }
      if (n < 0 && size >= 0) {
        resume("the connection ended early");
        continue;
      }
      if (n < 0) {
        verify();
        return -1;
      }
      hasher.update(b, off, n);
      position += n;
      if (position == size) {
        verify();
      }
      return n;
    }
  }

  private void resume(String why) throws UpstreamException {
    close();
    if (resumes >= maxResumes) {
      failure = new UpstreamException(UpstreamException.Reason.UPSTREAM_DOWN, ref, "the download broke at byte " + position
          + (size >= 0 ? " of " + size : "") + " (" + why + ") after " + resumes + " resumes");
      throw failure;
    }
    resumes++;
    try {
      body = resumer.from(position);
    } catch (UpstreamException e) {
      failure = e;
      throw e;
    }
  }

  private void verify() throws UpstreamException {
    String actual = HexFormat.of().formatHex(hasher.digest());
    if (!actual.equals(digest.hex())) {
      close();
      failure = new UpstreamException(UpstreamException.Reason.DIGEST_MISMATCH, ref, "the blob's " + position
          + " bytes hash to " + digest.algorithm() + ":" + actual + ", not " + digest);
      throw failure;
    }
    verified = true;
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // the connection is gone either way
    }
  }
}
