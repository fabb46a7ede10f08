package dev.registrish.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel that serves small reads from a window of the file it holds in memory. Commons
 * Compress reads each tar header, pax records byte by byte, and entry data in the caller's chunks, all at
 * positions it sets first: without the window, each costs a seek and a read (each byte of a pax header
 * too). Reads of a window or more go straight to the file.
 */
final class BufferedReadChannel implements SeekableByteChannel {
  private static final int WINDOW = 1 << 16;
  private final SeekableByteChannel file;
  private final byte[] window = new byte[WINDOW];
  private final ByteBuffer fill = ByteBuffer.wrap(window);
  private long windowStart;
  private int windowLength;
  private long position;

  BufferedReadChannel(SeekableByteChannel file) {
    this.file = file;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (dst.remaining() >= WINDOW) {
      file.position(position);
      int n = file.read(dst);
      if (n > 0) {
        position += n;
      }
      return n;
    }
    if (position < windowStart || position >= windowStart + windowLength) {
      file.position(position);
      fill.clear();
      int filled = file.read(fill);
      windowStart = position;
      windowLength = Math.max(filled, 0);
      if (filled <= 0) {
        return -1;
      }
    }
    int offset = (int) (position - windowStart);
    int n = Math.min(windowLength - offset, dst.remaining());
    dst.put(window, offset, n);
    position += n;
    return n;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
