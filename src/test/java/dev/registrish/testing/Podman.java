package dev.registrish.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * podman with everything it writes in a temporary folder: image storage (vfs) and run root through
 * {@code CONTAINERS_STORAGE_CONF}, its own registries.conf and containers.conf (temporary files,
 * no event log), so that a test's pulls leave nothing behind once {@link #close()} removed the folder.
 */
public final class Podman implements AutoCloseable {
  private final Path podman;
  private final Path dir;
  private final Map<String, String> env;

  private Podman(Path podman, Path dir, Map<String, String> env) {
    this.podman = podman;
    this.dir = dir;
    this.env = env;
  }

  /** Writes the configuration into {@code dir}; skips (fails under CI) without podman. */
  public static Podman create(Path dir) throws Exception {
    Path podman = Tools.require("podman", "podman");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path storage = Files.writeString(dir.resolve("storage.conf"), String.join("\n",
        "[storage]",
        "driver = \"vfs\"",
        "runroot = \"" + dir.resolve("run") + "\"",
        "graphroot = \"" + dir.resolve("graph") + "\"", ""));
    Path registries = Files.writeString(dir.resolve("registries.conf"), "unqualified-search-registries = []\n");
    Path containers = Files.writeString(dir.resolve("containers.conf"), String.join("\n",
        "[engine]",
        "tmp_dir = \"" + tmp + "\"",
        "events_logger = \"none\"", ""));
    return new Podman(podman, dir, Map.of("CONTAINERS_STORAGE_CONF", storage.toString(),
        "CONTAINERS_REGISTRIES_CONF", registries.toString(), "CONTAINERS_CONF", containers.toString(),
        "TMPDIR", tmp.toString()));
  }

  /** Runs podman with this configuration, at most {@code seconds}. */
  public Processes.Result run(int seconds, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(podman.toString()));
    cmd.addAll(args);
    return Processes.run(dir, seconds, env, cmd);
  }

  /** Runs podman; fails the test unless it succeeds; returns its output. */
  public String ok(int seconds, List<String> args) throws Exception {
    Processes.Result r = run(seconds, args);
    if (r.exit() != 0) {
      throw new AssertionError("podman " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }

  /** Removes the images, their storage and the configuration. */
  @Override
  public void close() throws Exception {
    Folders.delete(dir);
  }
}
