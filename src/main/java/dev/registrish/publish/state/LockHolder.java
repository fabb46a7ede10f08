package dev.registrish.publish.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a bucket lock: host, process id, the process's start time and (on Linux) its pid
 * namespace, so that a lock left by a killed process on this machine is recognised as dead at once.
 * Hosts that share a name but not a pid namespace (containers on the host network) never judge each other.
 */
public final class LockHolder {
  private LockHolder() {}

  /** The lock content naming this process, with a new random token for this run. */
  public static LockTemplate current(Instant now) {
    LockTemplate t = new LockTemplate();
    ProcessHandle self = ProcessHandle.current();
    t.host = host();
    t.pid = self.pid();
    t.processStart = self.info().startInstant().map(Instant::toString).orElse(null);
    t.pidNamespace = pidNamespace();
    t.owner = t.host + " pid " + t.pid;
    t.started = now.toString();
    t.token = UUID.randomUUID().toString();
    return t;
  }

  /** Whether {@code held} names a process of this machine (same host and pid namespace) that no longer runs. */
  static boolean isDeadHere(LockTemplate held) {
    if (held == null || held.host == null || held.pid <= 0 || !held.host.equals(host())
        || !Objects.equals(held.pidNamespace, pidNamespace())) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(held.pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    // the pid was reused by another process when its start time differs
    String start = p.get().info().startInstant().map(Instant::toString).orElse(null);
    return held.processStart != null && start != null && !held.processStart.equals(start);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static String pidNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | RuntimeException e) { // no /proc (not Linux), or not allowed to read it
      return null;
    }
  }
}
