package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading tar archives as image sources: what real tools write is read, what would leave the archive is refused. */
class TarFilesTest {
  private static final String LONG_NAME = "blobs/" + "deep-folder-name/".repeat(8) + "a-file-whose-path-needs-more-than-100-bytes";

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

  /** Runs GNU tar in {@code dir}. */
  private static void tar(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Tools.require("tar", "tar").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "tar --format={0}")
  @ValueSource(strings = {"gnu", "posix", "ustar"})
  void open_readsWhatGnuTarWrites(String format) throws Exception {
    Path folder = tmp.resolve("folder");
    Files.createDirectories(folder.resolve(LONG_NAME).getParent());
    Files.writeString(folder.resolve(LONG_NAME), "long");
    Files.writeString(folder.resolve("index.json"), "{}");
    Files.createSymbolicLink(folder.resolve("link.json"), Path.of("index.json"));
    Path archive = tmp.resolve(format + ".tar");
    tar(folder, "--format=" + format, "-cf", archive.toString(), "blobs", "index.json", "link.json");

    try (TarFiles files = TarFiles.open(archive, tmp)) {
      assertEquals("long", new String(read(files, LONG_NAME), StandardCharsets.UTF_8));
      assertEquals(4, files.size(LONG_NAME));
      assertEquals("{}", new String(read(files, "link.json"), StandardCharsets.UTF_8));
      assertTrue(files.list().containsAll(List.of(LONG_NAME, "index.json", "link.json")), files.list().toString());
    }
  }

  @ParameterizedTest(name = "tar --format={0}")
  @ValueSource(strings = {"gnu", "posix"})
  void open_longNameClimbingOutIsRefused(String format) throws Exception {
    String name = "x".repeat(120);
    Files.writeString(tmp.resolve(name), "outside");
    Path in = Files.createDirectory(tmp.resolve("in"));
    Path archive = tmp.resolve(format + ".tar");
    tar(in, "--absolute-names", "--format=" + format, "-cf", archive.toString(), "../" + name);

    assertEquals(archive + ": entry '../" + name + "' escapes the archive (../)", refused(archive).getMessage());
  }

  @Test
  void open_followsSymlinksAndHardlinksInsideTheArchive() throws Exception {
    byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
    Path archive = write("links.tar", new TestTar()
        .file("blobs/sha256/aa", layer)
        .symlink("abc/layer.tar", "../blobs/sha256/aa")
        .hardlink("copy.tar", "blobs/sha256/aa")
        .symlink("chain", "abc/layer.tar")
        .bytes());

    try (TarFiles files = TarFiles.open(archive, tmp)) {
      for (String path : List.of("abc/layer.tar", "copy.tar", "chain", "./abc/../chain")) {
        assertTrue(files.isFile(path), path);
        assertEquals(layer.length, files.size(path), path);
        assertArrayEquals(layer, read(files, path), path);
      }
      assertFalse(files.isFile("abc"));
    }
  }

  @Test
  void open_linkLoopIsRefusedWhenFollowed() throws Exception {
    Path archive = write("loop.tar", new TestTar().symlink("a", "b").symlink("b", "a").bytes());

    try (TarFiles files = TarFiles.open(archive, tmp)) {
      ImportException e = assertThrows(ImportException.class, () -> files.open("a"));
      assertEquals(archive + "!a: too many levels of links", e.getMessage());
    }
  }

  @Test
  void open_linkChainLongerThanTheLimitIsRefused() throws Exception {
    TestTar tar = new TestTar().file("l0", "end".getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= TarFiles.MAX_LINKS; i++) {
      tar.symlink("l" + i, "l" + (i - 1));
    }
    Path archive = write("deep.tar", tar.bytes());

    try (TarFiles files = TarFiles.open(archive, tmp)) {
      assertTrue(files.isFile("l" + (TarFiles.MAX_LINKS - 1)));
      ImportException e = assertThrows(ImportException.class, () -> files.isFile("l" + TarFiles.MAX_LINKS));
      assertEquals(archive + "!l" + TarFiles.MAX_LINKS + ": too many levels of links", e.getMessage());
    }
  }

  @Test
  void open_hardlinkOutsideTheArchiveIsRefused() throws Exception {
    Path archive = write("hard.tar", new TestTar().hardlink("blobs/x", "../../etc/passwd").bytes());

    assertEquals(archive + ": link 'blobs/x' -> '../../etc/passwd' leads outside the archive", refused(archive).getMessage());
  }

  @Test
  void open_absoluteSymlinkIsRefused() throws Exception {
    Path archive = write("abs-link.tar", new TestTar().symlink("index.json", "/etc/passwd").bytes());

    assertEquals(archive + ": link 'index.json' -> '/etc/passwd' leads outside the archive", refused(archive).getMessage());
  }

  @Test
  void open_absolutePathIsRefused() throws Exception {
    Path archive = write("abs.tar", new TestTar().file("/etc/passwd", "x".getBytes(StandardCharsets.UTF_8)).bytes());

    assertEquals(archive + ": entry '/etc/passwd' has an absolute path", refused(archive).getMessage());
  }

  @Test
  void open_archiveCutAfterAnEntryIsTruncated() throws Exception {
    byte[] cut = new TestTar().file("index.json", "{}".getBytes(StandardCharsets.UTF_8)).withoutEnd();
    Path archive = write("cut.tar", cut);

    assertEquals(archive + ": truncated tar archive (ends at byte 1024 without the end-of-archive marker)",
        refused(archive).getMessage());
  }

  @Test
  void open_archiveCutInsideAnEntryIsTruncated() throws Exception {
    byte[] whole = new TestTar().file("a", new byte[4096]).file("b", new byte[4096]).bytes();
    Path archive = write("cut.tar", Arrays.copyOf(whole, 6000));

    assertTrue(refused(archive).getMessage().startsWith(archive + ": truncated tar archive"));
  }

  @Test
  void open_headerWithWrongChecksumIsCorrupt() throws Exception {
    byte[] bytes = new TestTar().file("a", new byte[10]).file("b", new byte[10]).bytes();
    bytes[1024 + 10] ^= 1;
    Path archive = write("corrupt.tar", bytes);

    assertEquals(archive + ": corrupt tar archive (the header of 'b' has a wrong checksum)", refused(archive).getMessage());
  }

  @Test
  void open_otherFilesAreNotTarArchives() throws Exception {
    Path small = write("small.json", "{}".getBytes(StandardCharsets.UTF_8));
    Path json = write("big.json", ("{\"a\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8));

    assertEquals(small + ": not a tar archive (2 bytes), nor a source folder", refused(small).getMessage());
    assertEquals(json + ": not a tar archive, nor a source folder", refused(json).getMessage());
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
