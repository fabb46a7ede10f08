package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command and returns its stdout; fails the test with its output when it fails. */
public final class Processes {
  private Processes() {}

  public static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + text);
    return text;
  }
}
