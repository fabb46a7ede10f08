package dev.registrish.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A byte range of a file as a fresh stream each time: multipart parts are streamed from disk, never held in memory. */
final class FileRange {
  private FileRange() {}

  static InputStream open(Path file, long offset, long length) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
    return new FilterInputStream(Channels.newInputStream(channel)) {
      private long left = length;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int r = super.read(buf, off, (int) Math.min(len, left));
        if (r > 0) {
          left -= r;
        }
        return r;
      }
    };
  }
}
