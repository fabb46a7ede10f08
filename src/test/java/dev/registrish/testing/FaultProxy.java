package dev.registrish.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A loopback TCP proxy in front of an S3 endpoint (or any HTTP/1.1 server) that parses just enough
 * HTTP/1.1 to see each request, and forwards it byte for byte (Host header and body untouched, so
 * signatures stay valid) or injects a fault: an error status with an S3 error body, a connection reset
 * in the middle of the request body, a response cut short, a stall, an answer lost after the store applied
 * the request, a store clock that is off, headers the store never sees, or headers it never sent. Responses are
 * relayed raw.
 */
public final class FaultProxy implements AutoCloseable {
  /** What to do with one request. */
  public sealed interface Fault {}

  /** Answer with this status and S3 error code (and these header lines, e.g. {@code Retry-After: 3600}), then close the connection. */
  public record Status(int status, String code, List<String> headers) implements Fault {
    public Status(int status, String code) {
      this(status, code, List.of());
    }
  }

  /** Forward the request and relay the answer with these header lines added (e.g. {@code RateLimit-Remaining: 0}). */
  public record AddHeaders(List<String> lines) implements Fault {}

  /** Forward the head and half the body, then reset both connections. */
  public record Reset() implements Fault {}

  /** Forward the request, relay only the first {@code responseBytes} bytes of its response (head included), then reset. */
  public record Cut(long responseBytes) implements Fault {}

  /** Forward the request, relay the first {@code responseBytes} bytes of its response, send nothing more for {@code time}, then reset. */
  public record Hang(long responseBytes, Duration time) implements Fault {}

  /** Forward nothing and answer nothing for this long, then close. */
  public record Stall(Duration time) implements Fault {}

  /** Wait this long, then forward the request. */
  public record Delay(Duration time) implements Fault {}

  /** Forward the request and wait for the store's whole answer, then reset the client's connection: applied, never told. */
  public record DropResponse() implements Fault {}

  /** Forward the request and relay the answer with its {@code Date} and {@code Last-Modified} moved by this much. */
  public record ShiftClock(Duration offset) implements Fault {}

  /**
   * Forward the request without these headers (lower case), as a store or gateway that ignores them would
   * behave. They are signed, so the store behind must not check signatures
   * ({@link S3ProxyFixture#withoutAuthentication()}).
   */
  public record StripHeaders(Set<String> names) implements Fault {}

  public static final Fault SLOW_DOWN = new Status(503, "SlowDown");
  public static final Fault INTERNAL_ERROR = new Status(500, "InternalError");
  public static final Fault TOO_MANY_REQUESTS = new Status(429, "TooManyRequests");
  public static final Fault RESET = new Reset();

  /** A request as the proxy saw it. */
  public record Request(String method, String target, Map<String, String> headers) {
    /** The path without the query, decoded. */
    public String path() {
      return URI.create(target).getPath();
    }

    /** Whether the request changes the bucket (PUT, POST, DELETE). */
    public boolean isWrite() {
      return method.equals("PUT") || method.equals("POST") || method.equals("DELETE");
    }

    long contentLength() {
      String v = headers.get("content-length");
      return v == null ? 0 : Long.parseLong(v.trim());
    }

    boolean chunked() {
      return headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
    }
  }

  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> injected = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Fault> rule = r -> null;

  public FaultProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  /** The proxy's URL (use it as {@code --endpoint}). */
  public URI uri() {
    return URI.create("http://localhost:" + server.getLocalPort());
  }

  /** Sets the rule deciding each request's fault (null forwards it). */
  public void rule(Function<Request, Fault> rule) {
    this.rule = rule;
  }

  /** Requests seen (forwarded or not). */
  public int requests() {
    return requests.get();
  }

  /** The faults injected, as "FAULT METHOD path". */
  public List<String> injected() {
    return List.copyOf(injected);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    open.add(client);
    try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      open.add(upstream);
      // a request head and its body are written apart: without this, each body waits for the server's delayed ACK
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      AtomicLong responseBudget = new AtomicLong(-1);
      AtomicLong hangMillis = new AtomicLong();
      threads.submit(() -> relay(upstream, client, responseBudget, hangMillis));
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream up = upstream.getOutputStream();
      for (byte[] head; (head = readHead(in)) != null; ) {
        Request r = parse(head);
        requests.incrementAndGet();
        Fault fault = rule.apply(r);
        if (fault instanceof Delay d) {
          Thread.sleep(d.time().toMillis());
          fault = null;
        }
        if (fault == null) {
          up.write(head);
          copyBody(r, in, up, Long.MAX_VALUE);
          up.flush();
          continue;
        }
        injected.add(fault + " " + r.method() + " " + r.path());
        if (fault instanceof Cut || fault instanceof Hang) {
          hangMillis.set(fault instanceof Hang h ? h.time().toMillis() : 0);
          responseBudget.set(fault instanceof Hang h ? h.responseBytes() : ((Cut) fault).responseBytes());
          up.write(head);
          copyBody(r, in, up, Long.MAX_VALUE);
          up.flush();
          continue;
        }
        if (fault instanceof StripHeaders strip) {
          up.write(HttpHeads.without(head, strip.names()));
          copyBody(r, in, up, Long.MAX_VALUE);
          up.flush();
          continue;
        }
        if (fault instanceof DropResponse) {
          alone(head, r, in, client.getOutputStream());
          reset(client);
        } else if (fault instanceof AddHeaders add) {
          client.getOutputStream().write(HttpHeads.withLines(alone(head, r, in, client.getOutputStream()), add.lines()));
          client.getOutputStream().flush();
        } else if (fault instanceof ShiftClock c) {
          client.getOutputStream().write(HttpHeads.shiftDates(alone(head, r, in, client.getOutputStream()), c.offset()));
          client.getOutputStream().flush();
        } else if (fault instanceof Status s) {
          if (!"100-continue".equalsIgnoreCase(r.headers().getOrDefault("expect", ""))) {
            copyBody(r, in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
          }
          answer(client.getOutputStream(), s);
        } else if (fault instanceof Reset) {
          up.write(head);
          copyBody(r, in, up, Math.max(1, r.contentLength() / 2));
          up.flush();
          reset(client);
          reset(upstream);
        } else if (fault instanceof Stall st) {
          Thread.sleep(st.time().toMillis());
        }
        return;
      }
    } catch (IOException e) {
      // a side closed the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(client);
    }
  }

  /**
   * Sends one request on a connection of its own that the store closes after answering, and returns the
   * whole answer. A client waiting for {@code 100 Continue} is told to go on.
   */
  private byte[] alone(byte[] head, Request r, InputStream in, OutputStream client) throws IOException {
    boolean expects = "100-continue".equalsIgnoreCase(r.headers().getOrDefault("expect", ""));
    if (expects) {
      client.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      client.flush();
    }
    try (Socket once = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      OutputStream o = once.getOutputStream();
      o.write(HttpHeads.with(HttpHeads.without(head, Set.of("connection", "expect")), "Connection: close"));
      copyBody(r, in, o, Long.MAX_VALUE);
      o.flush();
      return once.getInputStream().readAllBytes();
    }
  }

  /**
   * Relays a connection's responses; once {@code budget} is set (not -1), only that many more bytes,
   * then waits {@code hangMillis} and resets both sides.
   */
  private static void relay(Socket from, Socket to, AtomicLong budget, AtomicLong hangMillis) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        long left = budget.get();
        if (left >= 0 && n >= left) {
          out.write(buffer, 0, (int) left);
          out.flush();
          Thread.sleep(hangMillis.get());
          reset(to);
          reset(from);
          return;
        }
        out.write(buffer, 0, n);
        if (left >= 0) {
          budget.addAndGet(-n);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // closed
    } finally {
      try {
        to.close();
        from.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  private static void answer(OutputStream out, Status s) throws IOException {
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + s.code() + "</Code><Message>injected fault"
        + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + s.status() + " " + s.code() + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + body.length + "\r\n" + s.headers().stream().map(h -> h + "\r\n").collect(Collectors.joining())
        + "Connection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  /** Reads a request head up to and including the blank line; null at the end of the stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int c; (c = in.read()) >= 0; ) {
      head.write(c);
      matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : c == '\r' ? 1 : 0;
      if (matched == 4) {
        return head.toByteArray();
      }
    }
    if (head.size() > 0) {
      throw new IOException("connection closed inside a request head");
    }
    return null;
  }

  private static Request parse(byte[] head) {
    String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] first = lines[0].split(" ");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return new Request(first[0], first[1], headers);
  }

  /** Copies the request body (Content-Length or chunked), at most {@code limit} bytes of it. */
  private static void copyBody(Request r, InputStream in, OutputStream out, long limit) throws IOException {
    if (r.chunked()) {
      copyChunked(in, out, limit);
      return;
    }
    long n = Math.min(r.contentLength(), limit);
    byte[] buffer = new byte[1 << 16];
    while (n > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
      if (read < 0) {
        throw new IOException("connection closed inside a request body");
      }
      out.write(buffer, 0, read);
      n -= read;
    }
  }

  private static void copyChunked(InputStream in, OutputStream out, long limit) throws IOException {
    long sent = 0;
    while (sent < limit) {
      String line = readLine(in);
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      long size = Long.parseLong(line.split(";")[0].trim(), 16);
      if (size == 0) {
        for (String trailer; !(trailer = readLine(in)).isEmpty(); ) {
          out.write((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      byte[] chunk = in.readNBytes((int) size + 2);
      out.write(chunk);
      sent += size;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Closeable c : new ArrayList<>(open)) {
      c.close();
    }
    threads.shutdownNow();
  }
}
