package dev.registrish.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real nginx in the foreground on 127.0.0.1, with its own prefix, pid file and logs in a temporary folder. */
public final class NginxServer implements AutoCloseable {
  public final int port;
  public final Path dir;
  private final Process process;

  private NginxServer(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  /** Checks {@code serverConfig} (a generated conf.d file) with {@code nginx -t}, then runs it inside a minimal http block. */
  public static NginxServer start(Path nginx, Path dir, String serverConfig, int port) throws Exception {
    return start(nginx, dir, serverConfig, port, false);
  }

  /**
   * As {@link #start(Path, Path, String, int)}; with {@code unprivileged}, the worker that reads the files runs as
   * {@code nobody} when the test runs as root (as www-data does on Debian), so it reads only what others may read.
   */
  public static NginxServer start(Path nginx, Path dir, String serverConfig, int port, boolean unprivileged) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("registrish.conf"), serverConfig);
    Path conf = dir.resolve("nginx.conf");
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(conf, String.join("\n",
        unprivileged && root ? "user nobody nogroup;" : "user root;",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("logs/error.log") + " warn;",
        "events { worker_connections 64; }",
        "http {",
        "  include /etc/nginx/mime.types;",
        "  default_type application/octet-stream;",
        "  gzip on;",
        "  access_log " + dir.resolve("logs/access.log") + ";",
        "  client_body_temp_path " + dir.resolve("tmp-body") + ";",
        "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("tmp-fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("tmp-uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("tmp-scgi") + ";",
        "  include " + dir.resolve("registrish.conf") + ";",
        "}", ""));
    List<String> base = List.of(nginx.toString(), "-p", dir.toString(), "-c", conf.toString());
    Processes.ok(dir, 60, concat(base, "-t"));
    Path log = dir.resolve("logs/stdout.log");
    Process p = new ProcessBuilder(concat(base, "-g", "daemon off;")).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Processes.awaitPort(port, p, dir.resolve("logs/error.log"));
    return new NginxServer(port, dir, p);
  }

  private static List<String> concat(List<String> a, String... more) {
    var out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  public String registry() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    Processes.stop(process);
  }
}
