package dev.registrish.store;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the embedded endpoint's implementation. An installed registrish keeps S3Proxy and its libraries
 * in {@code lib/embedded/}, off the class path, so that only runs which start the endpoint load them:
 * they get a class loader of their own over those jars, made once. Where that folder is absent (the
 * build's class path, which holds everything), the implementation comes from registrish's own class loader.
 */
final class EmbeddedClasses {
  private static final String IMPLEMENTATION = "dev.registrish.store.embedded.S3ProxyEndpoint";
  private static ClassLoader loader;

  private EmbeddedClasses() {}

  static EmbeddedEndpoint start(Path dataDir, int port, String bucket) throws Exception {
    ClassLoader classes = loader();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // jclouds finds its providers, and Jetty its parts, through the context class loader
    thread.setContextClassLoader(classes);
    try {
      return (EmbeddedEndpoint) Class.forName(IMPLEMENTATION, true, classes)
          .getMethod("start", Path.class, int.class, String.class).invoke(null, dataDir, port, bucket);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new EmbeddedEndpointMissingException("the embedded endpoint of the local profile is not installed ("
          + e.getMessage() + " not found in " + where() + "): reinstall registrish, or name a server with --endpoint", e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static synchronized ClassLoader loader() throws IOException {
    if (loader == null) {
      Path folder = folder();
      ClassLoader own = EmbeddedClasses.class.getClassLoader();
      loader = folder != null && Files.isDirectory(folder) ? new URLClassLoader("embedded", jars(folder), own) : own;
    }
    return loader;
  }

  /** {@code embedded/} beside the jar that holds this class, or null when the class does not come from a jar file. */
  private static Path folder() {
    try {
      Path home = Path.of(EmbeddedClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(home) ? home.resolveSibling("embedded") : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static String where() {
    Path folder = folder();
    return folder == null ? "the class path" : folder.toString();
  }

  private static URL[] jars(Path folder) throws IOException {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }
}
