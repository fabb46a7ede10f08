package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real external tools for end-to-end tests (skopeo, ctr, nginx, apache2). Where CI is set a
 * missing tool fails the test; elsewhere the test is skipped with a message naming the package.
 */
public final class Tools {
  private Tools() {}

  /** The tool's path; fails under CI, skips elsewhere, when it is not installed. */
  public static Path require(String command, String debianPackage) {
    Path found = find(command);
    String msg = command + " is not installed (apt-get install " + debianPackage + ")";
    if (found == null && System.getenv("CI") != null) {
      fail(msg + "; CI must install it in .ci/run");
    }
    assumeTrue(found != null, msg + ": skipping");
    return found;
  }

  /** The tool's path on PATH (or /usr/sbin), or null. */
  public static Path find(String command) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
