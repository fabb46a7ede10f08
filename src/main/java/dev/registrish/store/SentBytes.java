package dev.registrish.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Reports the bytes of one body (an object, or one part of it) as they are read to be sent. A body read
 * again (a retry) reports only what goes beyond its furthest earlier read, so every byte counts once.
 */
final class SentBytes {
  private final LongConsumer sent;
  private long furthest;

  private SentBytes(LongConsumer sent) {
    this.sent = sent;
  }

  /** {@code body} with every read of every attempt reported to {@code sent}; {@code body} itself when {@code sent} is null. */
  static RequestBody counted(LongConsumer sent, RequestBody body) {
    if (sent == null) {
      return body;
    }
    SentBytes counter = new SentBytes(sent);
    ContentStreamProvider provider = body.contentStreamProvider();
    return RequestBody.fromContentProvider(() -> counter.stream(provider.newStream()), body.optionalContentLength().orElseThrow(),
        body.contentType());
  }

  /** {@code in} with every read reported to {@code sent}; {@code in} itself when {@code sent} is null. */
  static InputStream counted(LongConsumer sent, InputStream in) {
    return sent == null ? in : new SentBytes(sent).stream(in);
  }

  private synchronized void reached(long position) {
    if (position > furthest) {
      sent.accept(position - furthest);
      furthest = position;
    }
  }

  private InputStream stream(InputStream in) {
    return new FilterInputStream(in) {
      private long position;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          reached(++position);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          position += n;
          reached(position);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        position += skipped;
        return skipped;
      }

      @Override
      public boolean markSupported() {
        return false;
      }
    };
  }
}
