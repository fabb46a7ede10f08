package dev.registrish.publish.run;

import dev.registrish.publish.plan.PlannedAction;

import java.util.ArrayList;
import java.util.Collections;
import dev.registrish.tree.RegistryKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What an execution did: the keys written, bytes sent, failures (each naming its key and reason), and what they held back. */
public final class RunResult {
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong bytes = new AtomicLong();
  private final Set<String> brokenKeys = ConcurrentHashMap.newKeySet();
  private final Set<String> brokenRepositories = ConcurrentHashMap.newKeySet();
  private final Map<String, String> heldBack = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  void done(PlannedAction a) {
    done.add(a.key());
    bytes.addAndGet(a.bytesSent());
  }

  void failed(PlannedAction a, Throwable e) {
    failures.add(a.key() + ": " + a.action().name().toLowerCase().replace('_', '-') + " failed: " + e.getMessage());
    broken(a);
  }

  /** The run was given up, for {@code reason} (the store gone, the marker not written): what it did stays recorded. */
  public void abandoned(String reason) {
    failures.add("run given up: " + reason);
  }

  /** The run stopped between phases, for {@code reason}. */
  void stopped(String reason) {
    failures.add("stopped: " + reason);
    stopped = true;
  }

  /** Whether the run stopped between phases (its lock lost): then it may write nothing more, its marker included. */
  public boolean wasStopped() {
    return stopped;
  }

  /** An action not tried because something it needs failed or was held back itself. */
  void heldBack(PlannedAction a, String need) {
    heldBack.put(a.key(), "held back: needs " + need + ", which was not written");
    broken(a);
  }

  private void broken(PlannedAction a) {
    brokenKeys.add(a.key());
    RegistryKey k = RegistryKey.parse(a.key());
    if (k != null && k.repository() != null) {
      brokenRepositories.add(k.repository());
    }
  }

  Set<String> brokenKeys() {
    return brokenKeys;
  }

  Set<String> brokenRepositories() {
    return brokenRepositories;
  }

  /** Why each held-back key was not tried. */
  public Map<String, String> heldBack() {
    return Map.copyOf(heldBack);
  }

  public boolean isDone(String key) {
    return done.contains(key);
  }

  public long bytesSent() {
    return bytes.get();
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }
}
