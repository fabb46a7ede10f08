package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress of a run on stderr, as a CI log and a terminal show it; time is a clock the test moves. */
class ProgressTest {
  final StringWriter written = new StringWriter();
  final PrintWriter err = new PrintWriter(written);
  final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));

  Progress progress(Progress.Mode mode) {
    return new Progress(err, mode, Duration.ofHours(1), now::get);
  }

  void advance(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void tick_inALog_printsObjectsBytesRateAndTimeLeft() {
    try (Progress p = progress(Progress.Mode.LOG)) {
      p.started(10, 1000);
      p.sent(250);
      p.written(2);
      advance(5);
      p.tick();
      assertEquals("progress: 2/10 objects, 250 B/1000 B (25%), 50 B/s, ETA 15s\n", written.toString());
    }
  }

  @Test
  void tick_everyInterval_addsOneLineAndNothingElse() {
    try (Progress p = progress(Progress.Mode.LOG)) {
      p.started(4, 4096);
      for (int i = 0; i < 3; i++) {
        advance(10);
        p.sent(1024);
        p.written(1);
        p.tick();
      }
    }
    List<String> lines = written.toString().lines().toList();
    assertEquals(4, lines.size(), written.toString());
    assertEquals("progress: 3/4 objects, 3.0 KiB/4.0 KiB (75%), 102 B/s, ETA 10s", lines.get(2));
    assertEquals("progress: 3/4 objects, 3.0 KiB/4.0 KiB (75%), 102 B/s, took 30s", lines.get(3));
    assertFalse(written.toString().contains("\r") || written.toString().contains("\033"), written.toString());
  }

  @Test
  void close_inALog_printsTheTotalsAndTheTimeTaken() {
    try (Progress p = progress(Progress.Mode.LOG)) {
      p.started(3, 0);
      p.written(3);
      advance(125);
    }
    assertEquals("progress: 3/3 objects (100%), took 2m05s\n", written.toString());
  }

  @Test
  void close_aRunThatWroteNothing_printsNothing() {
    for (Progress.Mode mode : Progress.Mode.values()) {
      progress(mode).close();
    }
    assertEquals("", written.toString());
  }

  @Test
  void sent_onATerminal_rewritesOneLineInPlaceAndClearsIt() {
    try (Progress p = progress(Progress.Mode.TERMINAL)) {
      p.started(2, 2048);
      p.written(1);
      advance(2);
      p.sent(1024);
    }
    String out = written.toString();
    assertTrue(out.startsWith("\r1/2 objects, 1.0 KiB/2.0 KiB (50%), 512 B/s, ETA 2s\033[K"), out);
    assertTrue(out.endsWith("\r\033[K"), out);
    assertFalse(out.contains("\n"), "the line is rewritten, never added to: " + out);
  }

  @Test
  void sent_onAPlainTerminal_usesNoEscapeCodes() {
    try (Progress p = progress(Progress.Mode.PLAIN_TERMINAL)) {
      p.started(2, 2048);
      p.written(1);
      advance(2);
      p.sent(2048);
    }
    String out = written.toString();
    assertFalse(out.contains("\033"), out);
    assertTrue(out.contains("\r1/2 objects, 2.0 KiB/2.0 KiB (100%)"), out);
    assertTrue(out.endsWith(" \r"), "the line is blanked with spaces: " + out);
  }

  @Test
  void sent_onATerminal_redrawsAtMostTenTimesASecond() {
    try (Progress p = progress(Progress.Mode.TERMINAL)) {
      p.started(1, 1000);
      advance(1);
      for (int i = 0; i < 100; i++) {
        p.sent(1);
      }
    }
    assertEquals(1, written.toString().split("\r").length - 2, written.toString());
  }

  @Test
  void escapes_noColorOrDumbTerminal_areOff() {
    assertTrue(Terminal.escapes(Map.of("TERM", "xterm-256color")));
    assertFalse(Terminal.escapes(Map.of("TERM", "dumb")));
    assertFalse(Terminal.escapes(Map.of("NO_COLOR", "1")));
    assertTrue(Terminal.escapes(Map.of("NO_COLOR", "")), "an empty NO_COLOR does not count (no-color.org)");
  }

  @Test
  void of_quietOrStatsZero_showsNothing() {
    for (Progress p : List.of(Progress.of(err, true, Duration.ofSeconds(10), Map.of()),
        Progress.of(err, false, Duration.ZERO, Map.of()))) {
      p.started(1, 1);
      p.sent(1);
      p.written(1);
      p.close();
    }
    assertEquals("", written.toString());
  }

  @Test
  void duration_readsAsPeopleWriteIt() {
    assertEquals("45s", Progress.duration(TimeUnit.SECONDS.toNanos(45)));
    assertEquals("3m02s", Progress.duration(TimeUnit.SECONDS.toNanos(182)));
    assertEquals("1h05m", Progress.duration(TimeUnit.SECONDS.toNanos(3900)));
  }
}
