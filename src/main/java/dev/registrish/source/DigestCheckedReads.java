package dev.registrish.source;

import dev.registrish.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Reads content while hashing it, and refuses bytes that do not match the digest (and size) they were named by. */
final class DigestCheckedReads {
  private DigestCheckedReads() {}

  /** Reads a document and checks it against its digest and, when known, its size. */
  static byte[] read(SourceFiles files, String path, Digest digest, Long size) throws IOException, ImportException {
    byte[] bytes = files.read(path);
    MessageDigest hasher = digest.newHasher();
    hasher.update(bytes);
    check(files.name(path), digest, size, hasher, bytes.length);
    return bytes;
  }

  /** Copies a file of the source to {@code target}, checking digest and size on the way. */
  static void copy(SourceFiles files, String path, Digest digest, Long size, Path target) throws IOException, ImportException {
    MessageDigest hasher = digest.newHasher();
    long n = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = files.open(path); OutputStream out = Files.newOutputStream(target)) {
      for (int r; (r = in.read(buffer)) > 0; ) {
        hasher.update(buffer, 0, r);
        out.write(buffer, 0, r);
        n += r;
      }
    }
    check(files.name(path), digest, size, hasher, n);
  }

  private static void check(String name, Digest digest, Long size, MessageDigest hasher, long actual) throws ImportException {
    String hex = HexFormat.of().formatHex(hasher.digest());
    if (!hex.equals(digest.hex())) {
      throw new ImportException(name + ": content does not match its digest " + digest
          + " (its " + digest.algorithm() + " is " + digest.algorithm() + ":" + hex + ")");
    }
    if (size != null && size != actual) {
      throw new ImportException(name + ": " + actual + " bytes, but its descriptor says " + size);
    }
  }
}
