package dev.registrish.publish.run;

import dev.registrish.publish.plan.PlannedAction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What an execution did: the keys written, bytes sent, and failures (each naming its key and reason). */
public final class ExecutionResult {
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong bytes = new AtomicLong();

  void done(PlannedAction a) {
    done.add(a.key());
    bytes.addAndGet(a.bytesSent());
  }

  void failed(PlannedAction a, Throwable e) {
    failures.add(a.key() + ": " + a.action().name().toLowerCase().replace('_', '-') + " failed: " + e.getMessage());
  }

  /** The run stopped between phases, for {@code reason}. */
  void stopped(String reason) {
    failures.add("stopped: " + reason);
  }

  public boolean isDone(String key) {
    return done.contains(key);
  }

  public int doneCount() {
    return done.size();
  }

  public long bytesSent() {
    return bytes.get();
  }

  public List<String> failures() {
    return List.copyOf(failures);
  }
}
