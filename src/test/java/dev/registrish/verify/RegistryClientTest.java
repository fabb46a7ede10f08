package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and the concurrency bound, against a loopback server that misbehaves on purpose. */
class RegistryClientTest {
  private HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile int failFirst;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", exchange -> {
      int n = calls.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(n <= failFirst ? 503 : 200, head ? -1 : body.length);
      if (!head) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static RegistryClient client(int concurrency, int attempts) {
    return new RegistryClient(concurrency, new RetryPolicy(attempts, Duration.ofMillis(10)), Duration.ofSeconds(5));
  }

  @Test
  void get_retriesServerErrors() {
    failFirst = 2;
    HttpResult r = client(4, 4).get(uri("/v2/"), "application/json").join();
    assertEquals(200, r.status());
    assertEquals(3, r.attempts());
    assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void get_givesUpAfterLastAttempt() {
    failFirst = Integer.MAX_VALUE;
    RegistryClient client = client(4, 3);
    HttpResult r = client.get(uri("/v2/"), "application/json").join();
    assertEquals(503, r.status());
    assertEquals(3, r.attempts());
    assertEquals(3, client.requests());
  }

  @Test
  void head_boundedByConcurrency() {
    RegistryClient client = client(3, 1);
    List<CompletableFuture<HttpResult>> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(client.head(uri("/v2/a/blobs/" + i), "*/*"));
    }
    all.forEach(f -> assertEquals(200, f.join().status()));
    assertEquals(30, calls.get());
    assertTrue(maxInFlight.get() <= 3, "at most 3 requests at once, saw " + maxInFlight.get());
    assertEquals(3, maxInFlight.get(), "the bound is used");
  }
}
