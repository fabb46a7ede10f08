package dev.registrish.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Apache 2 in the foreground on 127.0.0.1, configured like Debian's default site
 * (mod_mime with Debian's mime.conf, negotiation, deflate) and {@code AllowOverride All} on the document root.
 */
public final class ApacheServer implements AutoCloseable {
  private static final String MODULES = "/usr/lib/apache2/modules";
  private static final List<String> LOADED = List.of("mpm_event", "authz_core", "mime", "headers", "rewrite", "dir",
      "env", "negotiation", "filter", "deflate", "setenvif", "autoindex", "alias");

  public final int port;
  private final Process process;

  private ApacheServer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Serves {@code documentRoot}; the worker user www-data must be able to read it. */
  public static ApacheServer start(Path apache2, Path dir, Path documentRoot, int port) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    StringBuilder conf = new StringBuilder()
        .append("ServerRoot ").append(dir).append('\n')
        .append("ServerName localhost\n")
        .append("Listen 127.0.0.1:").append(port).append('\n')
        .append("PidFile ").append(dir.resolve("httpd.pid")).append('\n')
        .append("Mutex file:").append(dir).append(" default\n")
        .append("ErrorLog ").append(dir.resolve("logs/error.log")).append('\n')
        .append("LogLevel warn\n");
    for (String m : LOADED) {
      conf.append("LoadModule ").append(m).append("_module ").append(MODULES).append("/mod_").append(m).append(".so\n");
    }
    conf.append("User www-data\nGroup www-data\n")
        .append("Include /etc/apache2/mods-available/mime.conf\n")
        .append("Include /etc/apache2/mods-available/deflate.conf\n")
        .append("Include /etc/apache2/mods-available/negotiation.conf\n")
        .append("AddOutputFilterByType DEFLATE application/json\n")
        .append("DirectoryIndex index.html\n")
        .append("DocumentRoot ").append(documentRoot).append('\n')
        .append("<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n")
        .append("<Directory ").append(documentRoot).append(">\n  Options Indexes FollowSymLinks\n  AllowOverride All\n")
        .append("  Require all granted\n</Directory>\n")
        .append("<FilesMatch \"^\\.ht\">\n  Require all denied\n</FilesMatch>\n");
    Path file = dir.resolve("httpd.conf");
    Files.writeString(file, conf);
    Processes.ok(dir, 60, List.of(apache2.toString(), "-f", file.toString(), "-t"));
    Path log = dir.resolve("logs/stdout.log");
    Process p = new ProcessBuilder(apache2.toString(), "-f", file.toString(), "-DFOREGROUND").redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Processes.awaitPort(port, p, dir.resolve("logs/error.log"));
    return new ApacheServer(port, p);
  }

  public String registry() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    Processes.stop(process);
  }
}
