package dev.registrish.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server (JDK HttpServer) that answers each request with what the test's function
 * returns and records every request with its headers: for registry behaviours the reference registry
 * does not show (redirects to another origin, 429, missing headers, schema1).
 */
public final class RecordingServer implements AutoCloseable {
  /** A request as the server saw it; header names lower-cased. */
  public record Request(String method, String path, String query, Map<String, String> headers) {
    /** A header's value, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** An answer: status, headers (a Content-Length given here is sent as is, also on HEAD) and body. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply of(int status, String body, String... headerPairs) {
      return of(status, body.getBytes(StandardCharsets.UTF_8), headerPairs);
    }

    public static Reply of(int status, byte[] body, String... headerPairs) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Reply(status, headers, body);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Function<Request, Reply> handler;

  public RecordingServer(Function<Request, Reply> handler) throws IOException {
    this.handler = handler;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /** {@code 127.0.0.1:PORT}, as registry references name it. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String origin() {
    return "http://" + host();
  }

  /** Requests so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void serve(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestURI().getRawQuery(), Map.copyOf(headers));
    requests.add(request);
    Reply reply = handler.apply(request);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    boolean head = request.method().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), head || reply.body().length == 0 ? -1 : reply.body().length);
    if (!head && reply.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
