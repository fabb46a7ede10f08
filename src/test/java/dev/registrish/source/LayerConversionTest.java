package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.registrish.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A docker save layer becomes a gzip'd blob whose inflated content is checked against the config's diff_id. */
class LayerConversionTest {
  @TempDir
  Path tmp;

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void convert_gzippedLayerIsKeptAsItIs() throws Exception {
    byte[] layer = new TestTar().file("hello", "hi".getBytes()).bytes();
    byte[] gz = gzip(layer);
    Files.write(tmp.resolve("layer.tar"), gz);
    Path target = tmp.resolve("blob");

    LayerConversion.Blob blob = LayerConversion.convert(new FolderFiles(tmp), "layer.tar", Digest.sha256(layer), target);

    assertEquals(Digest.sha256(gz), blob.digest());
    assertEquals(gz.length, blob.size());
    assertArrayEquals(gz, Files.readAllBytes(target));
  }

  @Test
  void convert_gzipBombLayerIsRefusedNamingTheLayer() throws Exception {
    byte[] zeros = new byte[8 << 20];
    Files.write(tmp.resolve("layer.tar"), gzip(zeros));
    long compressed = Files.size(tmp.resolve("layer.tar"));
    InflationLimit limit = new InflationLimit(1 << 20, 200);

    InflationLimitException e = assertThrows(InflationLimitException.class, () ->
        LayerConversion.convert(new FolderFiles(tmp), "layer.tar", Digest.sha256(zeros), tmp.resolve("blob"), limit));

    assertEquals(tmp.resolve("layer.tar") + ": gzip data inflates to more than " + limit.bytesFor(compressed)
        + " bytes (200 times its " + compressed + " compressed bytes, and at least 1048576); refused as a likely gzip bomb",
        e.getMessage());
  }
}
