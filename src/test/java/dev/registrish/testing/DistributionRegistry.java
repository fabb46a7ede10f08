package dev.registrish.testing;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.ManifestFile;
import dev.registrish.tree.RepositoryTree;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference registry ({@code docker-registry serve}, CNCF distribution 2.8) on a free loopback port,
 * with filesystem storage (or an S3 bucket) and its access log in a folder of the test's: anonymous, with
 * htpasswd Basic auth, or with token auth by a {@link TokenServer}. Content is pushed with the real skopeo.
 */
public final class DistributionRegistry implements AutoCloseable {
  public static final String USER = "mirror";
  public static final String PASSWORD = "upstream-test-password-5e1d";
  private static final Pattern ACCESS = Pattern.compile("\"([A-Z]+) (\\S+) HTTP/[0-9.]+\" (\\d{3})");

  /** One line of the registry's access log. */
  public record Access(String method, String path, int status) {}

  private final Path dir;
  private final Path binary;
  private final int port;
  private final Path log;
  private final TokenServer tokens;
  private final String auth;
  private Process process;

  private DistributionRegistry(Path dir, String auth, TokenServer tokens) throws Exception {
    this(dir, String.join("\n", "  filesystem:", "    rootdirectory: " + dir.resolve("storage")), auth, tokens);
  }

  private DistributionRegistry(Path dir, String storage, String auth, TokenServer tokens) throws Exception {
    this.binary = Tools.require("docker-registry", "docker-registry");
    this.dir = dir;
    this.tokens = tokens;
    this.auth = auth;
    this.port = Processes.freePort();
    this.log = dir.resolve("registry.log");
    Files.writeString(dir.resolve("config.yml"), String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "  formatter: text",
        "  accesslog:",
        "    disabled: false",
        "storage:",
        storage,
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: 127.0.0.1:" + port,
        auth, ""));
    start();
  }

  /** A registry without authentication. */
  public static DistributionRegistry anonymous(Path dir) throws Exception {
    return new DistributionRegistry(dir, "", null);
  }

  /** A registry that wants Basic credentials ({@link #USER}, {@link #PASSWORD}) from an htpasswd file. */
  public static DistributionRegistry basic(Path dir) throws Exception {
    return new DistributionRegistry(dir, htpasswd(dir), null);
  }

  /**
   * A registry with Basic auth that keeps its content in an S3 bucket ({@code endpoint}, path-style, the
   * given keys, under {@code registry/}) and answers blob GETs with a 307 to a presigned URL there, as
   * registries on S3 do. For reading: distribution 2.8's S3 driver cannot finish uploads into S3Proxy
   * (it reads a field S3Proxy's ListParts answer leaves out), so fill the bucket with the files of a
   * filesystem registry's {@link #storage()} instead.
   */
  public static DistributionRegistry basicOnS3(Path dir, URI endpoint, String bucket, String accessKey, String secretKey)
      throws Exception {
    String storage = String.join("\n", "  s3:", "    accesskey: " + accessKey, "    secretkey: " + secretKey,
        "    region: us-east-1", "    regionendpoint: " + endpoint, "    bucket: " + bucket, "    secure: false",
        "    v4auth: true", "    rootdirectory: /registry", "  redirect:", "    disable: false");
    return new DistributionRegistry(dir, storage, htpasswd(dir), null);
  }

  private static String htpasswd(Path dir) throws Exception {
    Path htpasswd = Tools.require("htpasswd", "apache2-utils");
    String line = Processes.ok(dir, 60, List.of(htpasswd.toString(), "-Bbn", USER, PASSWORD)).trim();
    Files.writeString(dir.resolve("htpasswd"), line + "\n");
    return "auth:\n  htpasswd:\n    realm: registrish-test\n    path: " + dir.resolve("htpasswd");
  }

  /** A registry that wants bearer tokens from a {@link TokenServer} (which knows {@link #USER}, {@link #PASSWORD}). */
  public static DistributionRegistry token(Path dir) throws Exception {
    TokenServer tokens = new TokenServer(dir, USER, PASSWORD);
    return new DistributionRegistry(dir, String.join("\n", "auth:", "  token:", "    realm: " + tokens.realm(),
        "    service: " + TokenServer.SERVICE, "    issuer: " + TokenServer.ISSUER,
        "    rootcertbundle: " + tokens.certificateBundle()), tokens);
  }

  private void start() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(binary.toString(), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // the S3 driver reads AWS_* settings (a CA bundle, a profile) from the environment: its config file decides here
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    process = builder.start();
    Processes.awaitPort(port, process, log);
  }

  /** Stops the registry and starts it again with the same storage, port and configuration files. */
  public void restart() throws IOException, InterruptedException {
    Processes.stop(process);
    start();
  }

  /** {@code 127.0.0.1:PORT}, as references name it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The token server of a token-auth registry, else null. */
  public TokenServer tokenServer() {
    return tokens;
  }

  /** The root of a registry's filesystem storage (its files are what the S3 driver stores under its root directory). */
  public Path storage() {
    return dir.resolve("storage");
  }

  /** Where a registry on filesystem storage keeps a blob's (or manifest's) bytes: change them to serve other bytes. */
  public Path blobData(Digest digest) {
    return storage().resolve("docker/registry/v2/blobs/" + digest.algorithm() + "/" + digest.hex().substring(0, 2) + "/"
        + digest.hex() + "/data");
  }

  /**
   * Pushes a repository's tag with skopeo (every platform, digests preserved) to {@code repo:tag} here,
   * from a skopeo {@code dir:} folder, which holds OCI and Docker types alike.
   */
  public void push(RepositoryTree repository, String tag, String repo) throws Exception {
    Path folder = Files.createTempDirectory(dir, "skopeo-dir-");
    Files.writeString(folder.resolve("version"), "Directory Transport Version: 1.1\n");
    for (BlobFile b : repository.blobs().values()) {
      Files.copy(b.path(), folder.resolve(b.digest().hex()));
    }
    RawManifest top = repository.tags().get(tag).manifest();
    for (ManifestFile m : repository.manifests().values()) {
      if (!m.manifest().digest().equals(top.digest())) {
        Files.write(folder.resolve(m.manifest().digest().hex() + ".manifest.json"), m.manifest().bytes());
      }
    }
    Files.write(folder.resolve("manifest.json"), top.bytes());
    copy("dir:" + folder, repo, tag);
  }

  /**
   * Pushes one manifest of a repository of a tree (its blobs first) to {@code repo} by digest, or as {@code tag}, over
   * the plain HTTP API of an anonymous registry: what a signing or SBOM tool does on a registry without the referrers
   * API (skopeo 1.9 rewrites an index whose entries carry {@code artifactType}).
   */
  public void put(RepositoryTree repository, RawManifest manifest, String repo, String tag) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create("http://" + host() + "/v2/" + repo + "/");
    for (String blob : manifest.blobs()) {
      HttpResponse<Void> start = http.send(HttpRequest.newBuilder(base.resolve("blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      URI upload = base.resolve(start.headers().firstValue("Location").orElseThrow());
      URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + blob);
      Path file = repository.blobs().get(blob).path();
      expect(201, http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
          HttpResponse.BodyHandlers.ofString()), put);
    }
    URI uri = base.resolve("manifests/" + (tag == null ? manifest.digest().toString() : tag));
    expect(201, http.send(HttpRequest.newBuilder(uri).header("Content-Type", manifest.mediaType())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())).build(), HttpResponse.BodyHandlers.ofString()), uri);
  }

  private static void expect(int status, HttpResponse<String> r, URI uri) {
    if (r.statusCode() != status) {
      throw new AssertionError("PUT " + uri + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }

  /** Tags {@code repo:from} as {@code repo:to} too, by a skopeo copy within the registry. */
  public void tag(String repo, String from, String to) throws Exception {
    copy("docker://" + host() + "/" + repo + ":" + from, repo, to, "--src-tls-verify=false");
  }

  private void copy(String source, String repo, String tag, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Tools.require("skopeo", "skopeo").toString(), "--insecure-policy", "copy",
        "--all", "--preserve-digests", "--dest-tls-verify=false"));
    cmd.addAll(List.of(extra));
    if (!auth.isEmpty()) {
      cmd.addAll(List.of("--src-creds", USER + ":" + PASSWORD, "--dest-creds", USER + ":" + PASSWORD));
    }
    cmd.addAll(List.of(source, "docker://" + host() + "/" + repo + ":" + tag));
    Processes.Result r = Processes.run(dir, 300, cmd);
    if (r.exit() != 0) {
      List<String> errors = Files.readAllLines(log).stream().filter(line -> !ACCESS.matcher(line).find()).toList();
      throw new AssertionError(String.join(" ", cmd) + " exited " + r.exit() + ":\n" + r.output() + "\nregistry log:\n"
          + String.join("\n", errors.subList(Math.max(0, errors.size() - 80), errors.size())));
    }
  }

  /**
   * The access log so far, every request answered before this call included: a marker request is sent
   * and the log read once its line is there.
   */
  public List<Access> accesses() throws Exception {
    String mark = "/registrish-log-mark/" + UUID.randomUUID();
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host() + mark)).build(),
        HttpResponse.BodyHandlers.discarding());
    for (int i = 0; i < 200; i++) {
      List<Access> out = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        Matcher m = ACCESS.matcher(line);
        if (m.find() && m.group(2).equals(mark)) {
          return out;
        }
        if (m.find(0) && !m.group(2).startsWith("/registrish-log-mark/")) {
          out.add(new Access(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the registry's access log never showed " + mark + ":\n" + Files.readString(log));
  }

  /** Requests in the access log with this method whose path contains {@code part}. */
  public long count(String method, String part) throws Exception {
    return accesses().stream().filter(a -> a.method().equals(method) && a.path().contains(part)).count();
  }

  @Override
  public void close() throws Exception {
    Processes.stop(process);
    if (tokens != null) {
      tokens.close();
    }
  }
}
