package dev.registrish.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Edits the head of a raw HTTP/1.1 message, for {@link FaultProxy}: header lines removed, added, or their dates moved. */
final class HttpHeads {
  private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private HttpHeads() {}

  /** {@code head} (ending in the blank line) without the header lines named (lower case). */
  static byte[] without(byte[] head, Set<String> names) {
    List<String> lines = new ArrayList<>(lines(head));
    lines.removeIf(l -> l.indexOf(':') > 0 && names.contains(l.substring(0, l.indexOf(':')).trim().toLowerCase(Locale.ROOT)));
    return join(lines);
  }

  /** {@code head} with one more header line. */
  static byte[] with(byte[] head, String line) {
    List<String> lines = new ArrayList<>(lines(head));
    lines.add(line);
    return join(lines);
  }

  /** A whole message with more header lines; the body is kept. */
  static byte[] withLines(byte[] message, List<String> added) {
    return editHead(message, lines -> {
      lines.addAll(added);
      return lines;
    });
  }

  /** A whole message whose {@code Date} and {@code Last-Modified} headers are moved by {@code offset}; the body is kept. */
  static byte[] shiftDates(byte[] message, Duration offset) {
    return editHead(message, lines -> lines.stream().map(l -> {
      String name = l.indexOf(':') > 0 ? l.substring(0, l.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
      if (!name.equals("date") && !name.equals("last-modified")) {
        return l;
      }
      ZonedDateTime t = ZonedDateTime.parse(l.substring(l.indexOf(':') + 1).trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      return l.substring(0, l.indexOf(':')) + ": " + DateTimeFormatter.RFC_1123_DATE_TIME.format(t.plus(offset)
          .withZoneSameInstant(ZoneOffset.UTC));
    }).toList());
  }

  /** A whole message whose head lines {@code edit} changed; the body is kept. */
  private static byte[] editHead(byte[] message, UnaryOperator<List<String>> edit) {
    int end = indexOf(message, END);
    if (end < 0) {
      return message;
    }
    byte[] head = join(edit.apply(new ArrayList<>(lines(Arrays.copyOf(message, end + END.length)))));
    byte[] out = Arrays.copyOf(head, head.length + message.length - end - END.length);
    System.arraycopy(message, end + END.length, out, head.length, message.length - end - END.length);
    return out;
  }

  private static List<String> lines(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    return List.of(text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n"));
  }

  private static byte[] join(List<String> lines) {
    return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] data, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= data.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (data[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
