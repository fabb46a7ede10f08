package dev.registrish.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/** A one-line counter on a terminal's stderr; silent in CI logs and pipes. */
final class Progress implements IntConsumer {
  private final PrintWriter err;
  private final boolean enabled;
  private volatile long last;

  Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void accept(int done) {
    long now = System.nanoTime();
    if (enabled && now - last > 100_000_000L) {
      last = now;
      synchronized (err) {
        err.print("\r" + done + " objects written");
        err.flush();
      }
    }
  }

  void finish() {
    if (enabled && last != 0) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
