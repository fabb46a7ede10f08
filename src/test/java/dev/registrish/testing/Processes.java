package dev.registrish.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Running external tools in tests: bounded in time, output captured, servers on loopback. */
public final class Processes {
  private Processes() {}

  /** The result of a finished command. */
  public record Result(int exit, String output) {}

  /** Runs a command to completion (at most {@code seconds}), stdout and stderr merged. */
  public static Result run(Path dir, int seconds, List<String> command) throws IOException, InterruptedException {
    return run(dir, seconds, Map.of(), command);
  }

  /** As above, with {@code env} added to (or, for a null value, removed from) the environment. */
  public static Result run(Path dir, int seconds, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("registrish-cmd", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      env.forEach((name, value) -> {
        if (value == null) {
          builder.environment().remove(name);
        } else {
          builder.environment().put(name, value);
        }
      });
      Process p = builder.start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail(String.join(" ", command) + ": still running after " + seconds + " s\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Runs a command and fails the test unless it exits 0; returns its output. */
  public static String ok(Path dir, int seconds, List<String> command) throws IOException, InterruptedException {
    Result r = run(dir, seconds, command);
    if (r.exit() != 0) {
      fail(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }

  /** A port free on 127.0.0.1 at the time of the call. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until something accepts connections on 127.0.0.1:port, or fails with the server's log. */
  public static void awaitPort(int port, Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (process != null && !process.isAlive()) {
          fail("server exited " + process.exitValue() + " before listening on " + port + ":\n" + read(log));
        }
        Thread.sleep(50);
      }
    }
    fail("nothing listens on 127.0.0.1:" + port + " after 20 s:\n" + read(log));
  }

  /** Stops a process started by a test: TERM, then KILL after 10 s. */
  public static void stop(Process process) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String read(Path log) throws IOException {
    return log != null && Files.exists(log) ? Files.readString(log) : "";
  }
}
