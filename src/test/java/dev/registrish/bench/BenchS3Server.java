package dev.registrish.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.registrish.oci.Json;
import dev.registrish.testing.CountingBlobStore;
import dev.registrish.testing.FaultProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The S3 server of {@code scripts/bench}: one S3Proxy with signed requests, shared by every contender, on
 * the in-memory {@code transient-nio2} backend or, with {@code --data DIR}, on files ({@code filesystem-nio2});
 * with {@code --latency-ms N}, behind a {@link FaultProxy} that holds every request N ms before forwarding
 * it, as a store that far away answers. A control port on loopback creates and drops buckets and reads the
 * server-side operation counts.
 *
 * <p>Usage: {@code BenchS3Server IDENTITY SECRET [--data DIR] [--latency-ms N]}; prints
 * {@code s3=PORT control=PORT} once ready (the S3 port is the delaying proxy's when there is one) and runs
 * until its standard input closes.
 */
public final class BenchS3Server {
  private BenchS3Server() {}

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    String provider = "transient-nio2";
    long latencyMillis = 0;
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> {
          provider = "filesystem-nio2";
          props.setProperty("jclouds.filesystem.basedir", Files.createDirectories(Path.of(args[i + 1])).toString());
        }
        case "--latency-ms" -> latencyMillis = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    BlobStoreContext context = ContextBuilder.newBuilder(provider).credentials("x", "y").overrides(props)
        .build(BlobStoreContext.class);
    CountingBlobStore store = new CountingBlobStore(context.getBlobStore());
    S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[0], args[1]).jettyMaxThreads(256).build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    FaultProxy far = null;
    int s3Port = proxy.getPort();
    if (latencyMillis > 0) {
      far = new FaultProxy(proxy.getPort());
      FaultProxy.Fault delay = new FaultProxy.Delay(Duration.ofMillis(latencyMillis));
      far.rule(r -> delay);
      s3Port = far.uri().getPort();
    }
    HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    control.createContext("/buckets/", ex -> {
      String bucket = ex.getRequestURI().getPath().substring("/buckets/".length());
      switch (ex.getRequestMethod()) {
        case "PUT" -> context.getBlobStore().createContainerInLocation(null, bucket);
        case "DELETE" -> { // the in-memory backend deletes only an empty bucket: empty it first, or its memory stays taken
          context.getBlobStore().clearContainer(bucket);
          context.getBlobStore().deleteContainer(bucket);
        }
        default -> {
          reply(ex, 405, "PUT or DELETE");
          return;
        }
      }
      reply(ex, 200, "{}");
    });
    control.createContext("/counts", ex -> {
      String body = Json.MAPPER.writeValueAsString(store.snapshot());
      if ("POST".equals(ex.getRequestMethod())) {
        store.reset();
      }
      reply(ex, 200, body);
    });
    control.start();
    System.out.println("s3=" + s3Port + " control=" + control.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until the bench closes our standard input
    }
    control.stop(0);
    if (far != null) {
      far.close();
    }
    proxy.stop();
    context.close();
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
