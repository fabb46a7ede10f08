package dev.registrish.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * How far gzip data of a source may inflate: {@code ratio} times its compressed size, and never less than
 * {@code floor}. Image content inflates 2 to 10 times, zero-filled files a few hundred times; deflate's
 * ceiling is about 1 030, where gzip bombs sit. The default, 200 times and at least 1 GiB, keeps every real
 * archive and layer importable, and stops a 1 MB bomb after 1 GiB instead of a full disk.
 *
 * @param floor the bound for small inputs, in bytes
 * @param ratio the bound as a multiple of the compressed size
 */
record InflationLimit(long floor, int ratio) {
  /** The limit every import uses. */
  static final InflationLimit DEFAULT = new InflationLimit(1L << 30, 200);

  /** The most bytes {@code compressed} bytes of gzip data may inflate to. */
  long bytesFor(long compressed) {
    long scaled = compressed > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : compressed * ratio;
    return Math.max(floor, scaled);
  }

  /**
   * Inflates the gzip data {@code in}, {@code compressed} bytes long, into {@code out}; returns the bytes
   * written. {@code name} names the data in messages.
   */
  long inflate(InputStream in, long compressed, OutputStream out, String name) throws IOException, ImportException {
    long limit = bytesFor(compressed);
    long written = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
      for (int r; (r = gz.read(buffer)) >= 0; ) {
        written += r;
        if (written > limit) {
          throw new InflationLimitException(name + ": gzip data inflates to more than " + limit + " bytes ("
              + ratio + " times its " + compressed + " compressed bytes, and at least " + floor
              + "); refused as a likely gzip bomb");
        }
        out.write(buffer, 0, r);
      }
    } catch (EOFException e) {
      throw new ImportException(name + ": truncated gzip stream");
    } catch (ZipException e) {
      throw new ImportException(name + ": corrupt gzip stream (" + e.getMessage() + ")");
    }
    return written;
  }
}
