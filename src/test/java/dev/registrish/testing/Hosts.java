package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Names of in-process buckets for registry clients: {@code <bucket>.localhost} must be in /etc/hosts
 * (Go and glibc do not map {@code *.localhost}). Added when the file is writable (root, as in CI).
 */
public final class Hosts {
  private static final Path HOSTS = Path.of("/etc/hosts");

  private Hosts() {}

  public static synchronized void ensure(String name) {
    try {
      String content = Files.readString(HOSTS);
      if (content.lines().anyMatch(l -> !l.startsWith("#") && l.matches(".*\\s" + Pattern.quote(name) + "(\\s.*)?"))) {
        return;
      }
      if (Files.isWritable(HOSTS)) {
        Files.writeString(HOSTS, (content.endsWith("\n") ? "" : "\n") + "127.0.0.1 " + name + "\n", StandardOpenOption.APPEND);
        return;
      }
    } catch (IOException e) {
      // fall through
    }
    String msg = name + " is not in /etc/hosts (add: 127.0.0.1 " + name + ")";
    if (System.getenv("CI") != null) {
      fail(msg);
    }
    assumeTrue(Files.isWritable(HOSTS), msg);
  }
}
