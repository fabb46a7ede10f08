package dev.registrish.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for AWS STS on loopback: answers {@code AssumeRole} and {@code AssumeRoleWithWebIdentity}
 * (query protocol) with STS's XML response ({@code src/test/resources/sts/ACTION.xml}), issuing the
 * S3Proxy fixture's key pair with {@link #SESSION_TOKEN}, and records every call.
 */
public final class StsStandIn implements AutoCloseable {
  public static final String SESSION_TOKEN = "registrish-sts-session-token-5e8a";
  private static final Pattern SIGNED_BY = Pattern.compile("Credential=([^/,\\s]+)/");

  /** One call: its action, its form parameters, and the access key that signed it (null when unsigned). */
  public record Call(String action, Map<String, String> params, String signedBy) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public StsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** The endpoint to give the SDK ({@code AWS_ENDPOINT_URL_STS}). */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The calls answered so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = form(exchange.getRequestBody());
      String action = form.getOrDefault("Action", "");
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher signer = SIGNED_BY.matcher(auth == null ? "" : auth);
      calls.add(new Call(action, form, signer.find() ? signer.group(1) : null));
      InputStream template = StsStandIn.class.getResourceAsStream("/sts/" + action + ".xml");
      if (template == null) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      String sessionName = form.getOrDefault("RoleSessionName", "session");
      byte[] body = new String(template.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{accessKeyId}", S3ProxyFixture.IDENTITY)
          .replace("{secretAccessKey}", S3ProxyFixture.SECRET)
          .replace("{sessionToken}", SESSION_TOKEN)
          .replace("{expiration}", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString())
          .replace("{roleArn}", form.getOrDefault("RoleArn", "").replace(":iam::", ":sts::").replace(":role/", ":assumed-role/"))
          .replace("{sessionName}", sessionName)
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> form(InputStream in) throws IOException {
    Map<String, String> form = new TreeMap<>();
    for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
