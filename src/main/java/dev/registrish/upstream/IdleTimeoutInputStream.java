package dev.registrish.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body whose reads fail when nothing arrives for the idle time: java.net.http times out
 * a response's headers but not its body, so a stalled read would wait forever. The stream is closed
 * from a timer thread, which makes the blocked read throw.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "registrish-upstream-idle-timeout");
    t.setDaemon(true);
    return t;
  });
  private final long idleMillis;

  IdleTimeoutInputStream(InputStream in, Duration idle) {
    super(in);
    this.idleMillis = idle.toMillis();
  }

  @Override
  public int read() throws IOException {
    ScheduledFuture<?> alarm = arm();
    try {
      return in.read();
    } finally {
      alarm.cancel(false);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    ScheduledFuture<?> alarm = arm();
    try {
      return in.read(b, off, len);
    } finally {
      alarm.cancel(false);
    }
  }

  private ScheduledFuture<?> arm() {
    return TIMER.schedule(() -> {
      try {
        in.close();
      } catch (IOException e) {
        // the read fails either way
      }
    }, idleMillis, TimeUnit.MILLISECONDS);
  }
}
