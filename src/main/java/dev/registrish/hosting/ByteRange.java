package dev.registrish.hosting;

/**
 * One byte range of a {@code Range: bytes=..} request header, resolved against the object's size.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-14.1.2">RFC 9110, byte ranges</a>
 */
public record ByteRange(long first, long last) {

  /** What a Range header asks for: the whole object, one range, or something unsatisfiable. */
  public sealed interface Request permits Whole, Partial, Unsatisfiable {}

  /** No usable Range header (absent, not {@code bytes}, or several ranges): send everything. */
  public record Whole() implements Request {}

  /** One satisfiable range: answer 206. */
  public record Partial(ByteRange range) implements Request {}

  /** A well-formed range outside the object: answer 416. */
  public record Unsatisfiable() implements Request {}

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for this range of an object of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** Parses a Range header for an object of {@code size} bytes. */
  public static Request parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return new Whole();
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || size == 0) {
          return new Unsatisfiable();
        }
        return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
        return new Whole();
      }
      if (first >= size) {
        return new Unsatisfiable();
      }
      return new Partial(new ByteRange(first, last));
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }
}
