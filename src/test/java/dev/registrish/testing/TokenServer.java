package dev.registrish.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry token service (JDK HttpServer on loopback) that issues JWTs a distribution registry
 * trusts: signed RS256 with a key whose self-signed certificate is the registry's
 * {@code rootcertbundle}, the certificate in the {@code x5c} header. Anonymous requests get pull
 * access; requests with the right Basic credentials get what their scopes ask; wrong ones get 401.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/jwt/">token authentication implementation</a>
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "registrish-test-registry";
  public static final String ISSUER = "registrish-test-token-service";
  /** The refresh token (Docker's "identity token") that the OAuth2 form (POST) accepts in place of the password. */
  public static final String REFRESH_TOKEN = "registrish-test-refresh-token-93b1";

  /** A token request as the server saw it: GET with Basic credentials or none, or POST with a refresh token. */
  public record Request(String method, List<String> scopes, boolean withCredentials) {}

  private final HttpServer server;
  private final Path dir;
  private final String user;
  private final String password;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile SigningKey key;

  public TokenServer(Path dir, String user, String password) throws Exception {
    this.dir = dir;
    this.user = user;
    this.password = password;
    this.key = SigningKey.generate(dir);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  /** The realm URL the registry sends clients to. */
  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The PEM file of the certificate the registry trusts. */
  public Path certificateBundle() {
    return dir.resolve("token-cert.pem");
  }

  /** Token requests so far. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Signs with a new key from now on and writes its certificate as the bundle (the registry reads it when it starts). */
  public void rotateKey() throws Exception {
    key = SigningKey.generate(dir);
  }

  private void token(HttpExchange exchange) throws IOException {
    boolean post = exchange.getRequestMethod().equals("POST");
    String form = post ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
        : exchange.getRequestURI().getRawQuery();
    List<String> scopes = new ArrayList<>();
    Map<String, String> params = new HashMap<>();
    for (String pair : form == null ? new String[0] : form.split("&")) {
      String[] kv = pair.split("=", 2);
      String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
      if (kv[0].equals("scope")) {
        scopes.add(value);
      } else {
        params.put(kv[0], value);
      }
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    boolean credentials = post || authorization != null;
    requests.add(new Request(exchange.getRequestMethod(), List.copyOf(scopes), credentials));
    boolean accepted = post ? REFRESH_TOKEN.equals(params.get("refresh_token")) && "refresh_token".equals(params.get("grant_type"))
        : authorization == null || authorization.equals("Basic " + Base64.encode(user + ":" + password));
    if (!accepted || !SERVICE.equals(params.get("service"))) {
      send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
      return;
    }
    try {
      String jwt = sign(scopes, credentials);
      send(exchange, 200, "{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":3600}");
    } catch (Exception e) {
      send(exchange, 500, "{}");
    }
  }

  private String sign(List<String> scopes, boolean authenticated) throws Exception {
    List<Map<String, Object>> access = new ArrayList<>();
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length == 3 && parts[0].equals("repository")) {
        access.add(Map.of("type", "repository", "name", parts[1],
            "actions", authenticated ? List.of("pull", "push") : List.of("pull")));
      }
    }
    long now = System.currentTimeMillis();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(authenticated ? user : "")
        .audience(SERVICE).expirationTime(new Date(now + 3_600_000)).notBeforeTime(new Date(now - 10_000))
        .issueTime(new Date(now)).jwtID(UUID.randomUUID().toString()).claim("access", access).build();
    SigningKey k = key;
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
        .x509CertChain(List.of(Base64.encode(k.certificate().getEncoded()))).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new RSASSASigner(k.privateKey()));
    return jwt.serialize();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** An RSA key and its self-signed certificate, made with the JDK's keytool; the certificate written as {@code token-cert.pem}. */
  private record SigningKey(PrivateKey privateKey, X509Certificate certificate) {
    static SigningKey generate(Path dir) throws Exception {
      Path store = Files.createTempFile(dir, "token-key-", ".p12");
      Files.delete(store);
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Processes.ok(dir, 60, List.of(keytool, "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048",
          "-sigalg", "SHA256withRSA", "-dname", "CN=" + ISSUER, "-validity", "2", "-storetype", "PKCS12",
          "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(store)) {
        ks.load(in, "changeit".toCharArray());
      }
      Files.delete(store);
      X509Certificate cert = (X509Certificate) ks.getCertificate("token");
      Files.writeString(dir.resolve("token-cert.pem"), "-----BEGIN CERTIFICATE-----\n" + Base64.encode(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n");
      return new SigningKey((PrivateKey) ks.getKey("token", "changeit".toCharArray()), cert);
    }
  }
}
