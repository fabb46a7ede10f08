package dev.registrish.hosting;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on one address with a bounded thread pool, answering every path with one handler.
 * A connection that sends no complete request line within a second is closed: clients that try
 * HTTPS first (skopeo, podman, docker with an insecure registry) then fall back to HTTP at once
 * instead of waiting for their TLS handshake timeout. Small responses go out without Nagle's delay.
 */
public final class RegistryServer implements AutoCloseable {
  private static final int THREADS = 16;

  static {
    // Read by the JDK's server once, when its first instance is made (documented in the jdk.httpserver module).
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", "1");
    }
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (System.getProperty("sun.net.httpserver.timerMillis") == null) {
      System.setProperty("sun.net.httpserver.timerMillis", "100");
    }
  }

  private final HttpServer server;
  private final ExecutorService pool;

  private RegistryServer(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  /** Binds {@code host:port} (0 for any free port) and starts serving. */
  public static RegistryServer start(String host, int port, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "registrish-serve");
      t.setDaemon(true);
      return t;
    });
    server.createContext("/", handler);
    server.setExecutor(pool);
    server.start();
    return new RegistryServer(server, pool);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address clients use, e.g. {@code http://127.0.0.1:5000}. */
  public URI uri() {
    var a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
