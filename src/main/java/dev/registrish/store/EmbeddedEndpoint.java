package dev.registrish.store;

import java.net.URI;
import java.nio.file.Path;

/**
 * An S3-compatible endpoint inside this process with its data in a local folder, for the {@code local}
 * profile: no account, no server to install. It listens on loopback only and needs no credentials.
 * Its implementation (S3Proxy) and its libraries are loaded only when one starts.
 */
public interface EmbeddedEndpoint extends AutoCloseable {
  /** The data folder: {@code REGISTRISH_LOCAL_DIR}, else {@code $XDG_DATA_HOME/registrish/local-s3}, else {@code ~/.local/share/registrish/local-s3}. */
  static Path defaultDataDir() {
    String dir = System.getProperty("registrish.local.dir", System.getenv("REGISTRISH_LOCAL_DIR"));
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("registrish").resolve("local-s3");
  }

  /** Starts on {@code 127.0.0.1:port} (0 for any free port) and creates {@code bucket} if it is new (null for none). */
  static EmbeddedEndpoint start(Path dataDir, int port, String bucket) throws Exception {
    return EmbeddedClasses.start(dataDir, port, bucket);
  }

  URI uri();

  /** A bucket's root as a path-style URL, e.g. {@code http://127.0.0.1:PORT/bucket/}. */
  default URI bucketUri(String bucket) {
    return URI.create(uri() + "/" + bucket + "/");
  }

  Path dataDir();

  /** Whether a bucket exists in the data folder. */
  boolean exists(String bucket);
}
