package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading tar archives as image sources: gzip'd archives are inflated within a limit. */
class TarFilesTest {
  @TempDir
  Path tmp;

  private Path write(String name, byte[] bytes) throws Exception {
    Path archive = tmp.resolve(name);
    Files.write(archive, bytes);
    return archive;
  }

  private static byte[] read(TarFiles files, String path) throws Exception {
    try (InputStream in = files.open(path)) {
      return in.readAllBytes();
    }
  }

  private ImportException refused(Path archive) {
    return assertThrows(ImportException.class, () -> TarFiles.open(archive, tmp).close());
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void open_gzipBombIsRefusedNamingTheArchiveAndTheLimit() throws Exception {
    Path archive = write("bomb.tar.gz", gzip(new TestTar().file("zeros", new byte[8 << 20]).bytes()));
    Path scratch = Files.createDirectory(tmp.resolve("scratch"));
    InflationLimit limit = new InflationLimit(1 << 20, 200);

    InflationLimitException e = assertThrows(InflationLimitException.class, () -> TarFiles.open(archive, scratch, limit));

    long compressed = Files.size(archive);
    assertEquals(archive + ": gzip data inflates to more than " + limit.bytesFor(compressed) + " bytes (200 times its "
        + compressed + " compressed bytes, and at least 1048576); refused as a likely gzip bomb", e.getMessage());
    try (var left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void open_highlyCompressibleArchiveBelowTheFloorIsRead() throws Exception {
    byte[] zeros = new byte[16 << 20];
    Path archive = write("zeros.tar.gz", gzip(new TestTar().file("zeros", zeros).bytes()));
    assertTrue(Files.size(archive) * InflationLimit.DEFAULT.ratio() < zeros.length);

    try (TarFiles files = TarFiles.open(archive, tmp)) {
      assertArrayEquals(zeros, read(files, "zeros"));
    }
  }

  @Test
  void open_truncatedGzipIsNamed() throws Exception {
    byte[] gz = gzip(new TestTar().file("a", new byte[100_000]).bytes());
    Path archive = write("cut.tar.gz", Arrays.copyOf(gz, gz.length - 20));

    assertEquals(archive + ": truncated gzip stream", refused(archive).getMessage());
  }
}
