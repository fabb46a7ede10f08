package dev.registrish.cli;

import dev.registrish.publish.report.ReportWords;
import dev.registrish.publish.run.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A run's progress on stderr, after rclone's {@code --stats}: objects and bytes done of their totals, the rate and the
 * time left. On a terminal, one line rewritten in place (by carriage returns alone when escape codes are unwelcome);
 * in a CI log or a pipe, a line every interval and one at the end. Nothing when the run writes nothing.
 */
final class Progress implements RunProgress, AutoCloseable {
  /** Where the lines go: rewritten in place (with or without escape codes), appended as a log, or nowhere. */
  enum Mode { TERMINAL, PLAIN_TERMINAL, LOG, OFF }

  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How long a run goes before its rate says anything about the time left. */
  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final PrintWriter err;
  private final Mode mode;
  private final Duration interval;
  private final LongSupplier clock;
  private final AtomicInteger objects = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong drawn = new AtomicLong();
  private volatile int totalObjects;
  private volatile long totalBytes;
  private volatile long start;
  private volatile boolean started;
  private int width;
  private ScheduledExecutorService ticker;

  Progress(PrintWriter err, Mode mode, Duration interval, LongSupplier clock) {
    this.err = err;
    this.mode = mode;
    this.interval = interval;
    this.clock = clock;
  }

  /** The progress a run shows: none when quiet or {@code --stats 0}, else as stderr's reader sees it. */
  static Progress of(PrintWriter err, boolean quiet, Duration interval, Map<String, String> env) {
    Mode mode = quiet || interval.isZero() ? Mode.OFF
        : !Terminal.interactive() ? Mode.LOG : Terminal.escapes(env) ? Mode.TERMINAL : Mode.PLAIN_TERMINAL;
    return new Progress(err, mode, interval, System::nanoTime);
  }

  @Override
  public void started(int objects, long bytes) {
    totalObjects = objects;
    totalBytes = bytes;
    start = clock.getAsLong();
    drawn.set(start);
    started = mode != Mode.OFF;
    if (started && mode == Mode.LOG) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registrish-stats");
        t.setDaemon(true);
        return t;
      });
      long every = interval.toMillis();
      ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void written(int n) {
    objects.addAndGet(n);
    redraw();
  }

  @Override
  public void sent(long n) {
    bytes.addAndGet(n);
    redraw();
  }

  /** On a terminal, rewrites the line at most ten times a second. */
  private void redraw() {
    if (!started || mode == Mode.LOG) {
      return;
    }
    long now = clock.getAsLong();
    long last = drawn.get();
    if (now - last >= REDRAW_NANOS && drawn.compareAndSet(last, now)) {
      String line = line(now, false);
      synchronized (err) {
        err.print("\r" + line + (mode == Mode.TERMINAL ? "\033[K" : " ".repeat(Math.max(0, width - line.length()))));
        width = line.length();
        err.flush();
      }
    }
  }

  /** In a log, one line with where the run is. */
  void tick() {
    synchronized (err) {
      err.println("progress: " + line(clock.getAsLong(), false));
      err.flush();
    }
  }

  /** Ends the progress: in a log, a last line with the totals and the time taken; on a terminal, the line is cleared. */
  @Override
  public void close() {
    if (!started) {
      return;
    }
    started = false;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    synchronized (err) {
      if (mode == Mode.LOG) {
        err.println("progress: " + line(clock.getAsLong(), true));
      } else if (width > 0) {
        err.print(mode == Mode.TERMINAL ? "\r\033[K" : "\r" + " ".repeat(width) + "\r");
      }
      err.flush();
    }
  }

  /** "12/20 objects, 3.1 MiB/8.0 MiB (38%), 1.5 MiB/s, ETA 3s", ending in the time taken once done. */
  String line(long now, boolean done) {
    long elapsed = Math.max(0, now - start);
    int o = objects.get();
    long b = bytes.get();
    double fraction = totalBytes > 0 ? (double) b / totalBytes : totalObjects > 0 ? (double) o / totalObjects : 1;
    StringBuilder line = new StringBuilder().append(o).append('/').append(totalObjects).append(" objects");
    if (totalBytes > 0) {
      line.append(", ").append(ReportWords.bytes(b)).append('/').append(ReportWords.bytes(totalBytes));
    }
    line.append(" (").append((int) Math.floor(Math.min(1, fraction) * 100)).append("%)");
    if (totalBytes > 0) {
      line.append(", ").append(ReportWords.bytes(elapsed == 0 ? 0 : (long) (b * 1e9 / elapsed))).append("/s");
    }
    if (done) {
      return line.append(", took ").append(duration(elapsed)).toString();
    }
    boolean known = fraction > 0 && elapsed >= SETTLE_NANOS;
    return line.append(", ETA ").append(known ? duration((long) (elapsed * (1 - Math.min(1, fraction)) / fraction)) : "-")
        .toString();
  }

  /** {@code 45s}, {@code 3m02s}, {@code 1h05m}. */
  static String duration(long nanos) {
    long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }
}
