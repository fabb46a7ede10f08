package dev.registrish.mirror;

import dev.registrish.tree.Content;
import dev.registrish.upstream.UpstreamException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upstream blob stream that records on its image why it failed (a digest that does not match, an upstream
 * gone down), so that the report can give the image that reason: the failure surfaces as a failed write.
 */
final class RecordedStream extends FilterInputStream {
  private final ImageContent image;

  private RecordedStream(InputStream in, ImageContent image) {
    super(in);
    this.image = image;
  }

  /** An opener whose streams, and their opening, record failures on {@code image}. */
  static Content.Opener of(Content.Opener opener, ImageContent image) {
    return () -> {
      try {
        return new RecordedStream(opener.open(), image);
      } catch (UpstreamException e) {
        image.streamFailed(e);
        throw e;
      }
    };
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (UpstreamException e) {
      image.streamFailed(e);
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (UpstreamException e) {
      image.streamFailed(e);
      throw e;
    }
  }
}
