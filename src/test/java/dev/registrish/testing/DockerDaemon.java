package dev.registrish.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Docker engine of the test's own: dockerd with its data, state, socket and pid file in a temporary
 * folder (vfs storage, no bridge, no iptables), and the {@code docker} client talking to it through
 * {@code DOCKER_HOST}. Started and stopped by its pid. Registries on loopback are plain HTTP to it.
 */
public final class DockerDaemon implements AutoCloseable {
  private final Path docker;
  private final Path dir;
  private final Path socket;
  private final Process process;

  private DockerDaemon(Path docker, Path dir, Path socket, Process process) {
    this.docker = docker;
    this.dir = dir;
    this.socket = socket;
    this.process = process;
  }

  /** Starts dockerd in {@code dir} and waits until it answers; skips (fails under CI) without docker.io. */
  public static DockerDaemon start(Path dir) throws Exception {
    Path dockerd = Tools.require("dockerd", "docker.io");
    Path docker = Tools.require("docker", "docker.io");
    Files.createDirectories(dir);
    Path socket = dir.resolve("docker.sock");
    Path log = dir.resolve("dockerd.log");
    Process p = new ProcessBuilder(dockerd.toString(), "--data-root", dir.resolve("root").toString(),
        "--exec-root", dir.resolve("exec").toString(), "-H", "unix://" + socket, "--pidfile", dir.resolve("dockerd.pid").toString(),
        "--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver=vfs")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DockerDaemon d = new DockerDaemon(docker, dir, socket, p);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      if (!p.isAlive()) {
        throw new IllegalStateException("dockerd exited " + p.exitValue() + ":\n" + Files.readString(log));
      }
      if (Files.exists(socket) && d.run(30, List.of("version")).exit() == 0) {
        return d;
      }
      if (System.nanoTime() > deadline) {
        d.close();
        throw new IllegalStateException("dockerd did not answer in 60 s:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  /** Runs the docker client against this engine, at most {@code seconds}. */
  public Processes.Result run(int seconds, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(docker.toString()));
    cmd.addAll(args);
    return Processes.run(dir, seconds, Map.of("DOCKER_HOST", "unix://" + socket, "DOCKER_CONFIG", dir.resolve("client").toString()), cmd);
  }

  /** Runs the docker client; fails the test unless it succeeds; returns its output. */
  public String ok(int seconds, List<String> args) throws Exception {
    Processes.Result r = run(seconds, args);
    if (r.exit() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }

  /** Stops dockerd and removes its images and containers (whose links point outside the folder). */
  @Override
  public void close() throws Exception {
    Processes.stop(process);
    Folders.delete(dir.resolve("root"));
  }
}
