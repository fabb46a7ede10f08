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
 * A stand-in on loopback for the AWS services that issue temporary credentials: STS's {@code AssumeRole} and
 * {@code AssumeRoleWithWebIdentity} (query protocol, answered with {@code src/test/resources/sts/ACTION.xml}) and
 * the SSO portal's {@code GetRoleCredentials} ({@code src/test/resources/sso/GetRoleCredentials.json}). Each
 * issues the S3Proxy fixture's key pair with {@link #SESSION_TOKEN}; every call is recorded.
 */
public final class CredentialsStandIn implements AutoCloseable {
  public static final String SESSION_TOKEN = "registrish-sts-session-token-5e8a";
  private static final Pattern SIGNED_BY = Pattern.compile("Credential=([^/,\\s]+)/");

  /**
   * One call: its action, its parameters (STS: the form; SSO: the query and the bearer token), and the
   * access key that signed it (null when unsigned).
   */
  public record Call(String action, Map<String, String> params, String signedBy) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public CredentialsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::sts);
    server.createContext("/federation/credentials", this::sso);
    server.start();
  }

  /** The endpoint to give the SDK for both services ({@code AWS_ENDPOINT_URL_STS}, {@code AWS_ENDPOINT_URL_SSO}). */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The calls answered so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private void sts(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = parameters(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String action = form.getOrDefault("Action", "");
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher signer = SIGNED_BY.matcher(auth == null ? "" : auth);
      calls.add(new Call(action, form, signer.find() ? signer.group(1) : null));
      String role = form.getOrDefault("RoleArn", "").replace(":iam::", ":sts::").replace(":role/", ":assumed-role/");
      answer(exchange, "/sts/" + action + ".xml", "text/xml", Map.of("{roleArn}", role,
          "{sessionName}", form.getOrDefault("RoleSessionName", "session")));
    }
  }

  private void sso(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
      String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
      query.put("bearerToken", token == null ? "" : token);
      calls.add(new Call("GetRoleCredentials", query, null));
      answer(exchange, "/sso/GetRoleCredentials.json", "application/json", Map.of());
    }
  }

  /** Sends a response template with the issued credentials and {@code values} filled in; 400 when there is none. */
  private static void answer(HttpExchange exchange, String template, String type, Map<String, String> values) throws IOException {
    InputStream in = CredentialsStandIn.class.getResourceAsStream(template);
    if (in == null) {
      exchange.sendResponseHeaders(400, -1);
      return;
    }
    Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
        .replace("{accessKeyId}", S3ProxyFixture.IDENTITY)
        .replace("{secretAccessKey}", S3ProxyFixture.SECRET)
        .replace("{sessionToken}", SESSION_TOKEN)
        .replace("{expiration}", expiration.toString())
        .replace("{expirationMillis}", Long.toString(expiration.toEpochMilli()));
    for (var v : values.entrySet()) {
      body = body.replace(v.getKey(), v.getValue());
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> parameters(String encoded) {
    Map<String, String> form = new TreeMap<>();
    for (String pair : (encoded == null ? "" : encoded).split("&")) {
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
