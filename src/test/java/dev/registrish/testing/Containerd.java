package dev.registrish.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real containerd with its root, state and socket in a temporary folder, and {@code ctr} talking to it. */
public final class Containerd implements AutoCloseable {
  private final Path ctr;
  private final Path dir;
  private final Path socket;
  private final Process process;

  private Containerd(Path ctr, Path dir, Path socket, Process process) {
    this.ctr = ctr;
    this.dir = dir;
    this.socket = socket;
    this.process = process;
  }

  /** Starts containerd (plugins that need a kernel feature or a network are disabled) and waits for it. */
  public static Containerd start(Path containerd, Path ctr, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path socket = dir.resolve("c.sock");
    Path config = dir.resolve("config.toml");
    Files.writeString(config, String.join("\n",
        "version = 2",
        "root = \"" + dir.resolve("root") + "\"",
        "state = \"" + dir.resolve("state") + "\"",
        "disabled_plugins = [\"io.containerd.grpc.v1.cri\", \"io.containerd.snapshotter.v1.aufs\",",
        "  \"io.containerd.snapshotter.v1.btrfs\", \"io.containerd.snapshotter.v1.zfs\",",
        "  \"io.containerd.snapshotter.v1.devmapper\", \"io.containerd.internal.v1.opt\"]",
        "[grpc]",
        "  address = \"" + socket + "\"",
        "[ttrpc]",
        "  address = \"" + dir.resolve("c.ttrpc.sock") + "\"",
        "[debug]",
        "  address = \"\"",
        "[metrics]",
        "  address = \"\"", ""));
    Path log = dir.resolve("containerd.log");
    Process p = new ProcessBuilder(containerd.toString(), "--config", config.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Containerd c = new Containerd(ctr, dir, socket, p);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      if (!p.isAlive()) {
        throw new IllegalStateException("containerd exited " + p.exitValue() + ":\n" + Files.readString(log));
      }
      if (Files.exists(socket) && Processes.run(dir, 30, c.command(List.of("version"))).exit() == 0) {
        return c;
      }
      if (System.nanoTime() > deadline) {
        c.close();
        throw new IllegalStateException("containerd did not start in 30 s:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  private List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(ctr.toString(), "--address", socket.toString(), "--namespace", "registrish-test"));
    cmd.addAll(args);
    return cmd;
  }

  /** Runs ctr against this containerd; fails the test unless it succeeds. */
  public String ctr(List<String> args) throws Exception {
    return Processes.ok(dir, 180, command(args));
  }

  @Override
  public void close() throws Exception {
    Processes.stop(process);
  }
}
