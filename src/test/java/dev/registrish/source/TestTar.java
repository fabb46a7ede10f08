package dev.registrish.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Writes small ustar archives for tests, including entries real tools would refuse to write. */
final class TestTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TestTar file(String name, byte[] data) throws IOException {
    header(name, '0', data.length, "");
    out.write(data);
    out.write(new byte[(512 - data.length % 512) % 512]);
    return this;
  }

  TestTar symlink(String name, String target) throws IOException {
    header(name, '2', 0, target);
    return this;
  }

  /** A hard link: {@code target} is named from the archive's root. */
  TestTar hardlink(String name, String target) throws IOException {
    header(name, '1', 0, target);
    return this;
  }

  /** Adds every file below {@code folder}, named relative to it. */
  TestTar folder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        file(folder.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return this;
  }

  /** The archive without its end-of-archive marker, as a copy cut short after an entry leaves it. */
  byte[] withoutEnd() {
    return out.toByteArray();
  }

  /** The archive with its end-of-archive marker. */
  byte[] bytes() {
    byte[] body = out.toByteArray();
    byte[] all = new byte[body.length + 1024];
    System.arraycopy(body, 0, all, 0, body.length);
    return all;
  }

  private void header(String name, char type, long size, String link) throws IOException {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644\0");
    put(h, 108, "0000000\0");
    put(h, 116, "0000000\0");
    put(h, 124, String.format("%011o\0", size));
    put(h, 136, "00000000000\0");
    h[156] = (byte) type;
    put(h, 157, link);
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o\0 ", sum));
    out.write(h);
  }

  private static void put(byte[] h, int off, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
