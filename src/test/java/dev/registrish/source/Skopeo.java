package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real skopeo (from Debian) and returns its output; a failure fails the test with skopeo's message. */
final class Skopeo {
  private final Path binary;

  private Skopeo(Path binary) {
    this.binary = binary;
  }

  static Skopeo require() {
    return new Skopeo(Tools.require("skopeo", "skopeo"));
  }

  byte[] run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--insecure-policy");
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("skopeo-", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "skopeo timed out: " + cmd);
      assertEquals(0, p.exitValue(), "skopeo failed: " + cmd + "\n" + Files.readString(err, StandardCharsets.UTF_8));
      return out.toByteArray();
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
