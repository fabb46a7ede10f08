package dev.registrish.source;

import dev.registrish.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a {@code docker save} layer into a registry blob: an uncompressed tar is gzip'd, a gzip'd
 * one is kept; either way its uncompressed digest must equal the config's {@code diff_id}. A gzip'd layer is
 * inflated to check that digest within an {@link InflationLimit}.
 */
final class LayerConversion {
  /** The blob written: its digest and size. */
  record Blob(Digest digest, long size) {}

  private LayerConversion() {}

  static Blob convert(SourceFiles files, String path, Digest diffId, Path target) throws IOException, ImportException {
    return convert(files, path, diffId, target, InflationLimit.DEFAULT);
  }

  /** As {@link #convert(SourceFiles, String, Digest, Path)}, inflating a gzip'd layer within {@code limit}. */
  static Blob convert(SourceFiles files, String path, Digest diffId, Path target, InflationLimit limit)
      throws IOException, ImportException {
    boolean gzipped;
    try (InputStream in = files.open(path)) {
      gzipped = in.read() == 0x1f && in.read() == 0x8b;
    }
    MessageDigest compressed = Digest.newHasher("sha256");
    MessageDigest uncompressed = diffId.newHasher();
    try (InputStream in = files.open(path);
        OutputStream file = Files.newOutputStream(target);
        OutputStream hashed = new DigestOutputStream(file, compressed)) {
      if (gzipped) {
        in.transferTo(hashed);
      } else {
        try (OutputStream gz = new GZIPOutputStream(hashed, 1 << 16)) {
          new DigestInputStream(in, uncompressed).transferTo(gz);
        }
      }
    }
    if (gzipped) {
      try (InputStream in = Files.newInputStream(target)) {
        limit.inflate(in, Files.size(target), new DigestOutputStream(OutputStream.nullOutputStream(), uncompressed),
            files.name(path));
      }
    }
    String diff = HexFormat.of().formatHex(uncompressed.digest());
    if (!diff.equals(diffId.hex())) {
      throw new ImportException(files.name(path) + ": layer content does not match the config's diff_id " + diffId
          + " (its uncompressed " + diffId.algorithm() + " is " + diffId.algorithm() + ":" + diff + ")");
    }
    return new Blob(new Digest("sha256", HexFormat.of().formatHex(compressed.digest())), Files.size(target));
  }
}
