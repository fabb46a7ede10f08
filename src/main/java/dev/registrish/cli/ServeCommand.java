package dev.registrish.cli;

import dev.registrish.hosting.BucketFrontHandler;
import dev.registrish.hosting.RegistryServer;
import dev.registrish.hosting.TreeHandler;
import dev.registrish.store.EmbeddedEndpoint;
import dev.registrish.tree.Tree;
import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish serve}: a read-only registry over HTTP from a local tree, or in front of the local bucket. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a tree as a read-only registry over plain HTTP (GET and HEAD, Range on blobs), "
        + "with the same headers as publish; for local use and tests. Runs until stopped (Ctrl-C).",
        "With --profile local --bucket B, serves what was published to the embedded local bucket B instead, "
        + "with its stored headers, as a CDN in front of it would."})
final class ServeCommand implements Callable<Integer> {
  @Mixin TreeOptions tree;

  @Mixin HeaderOptions headers;

  @Option(names = "--port", defaultValue = "5000", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free port).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every address).")
  String bind;

  @Option(names = "--profile", description = "Serve a bucket instead of a tree; only 'local' (the embedded endpoint) is supported.")
  String profile;

  @Option(names = "--bucket", description = "The local bucket to serve, with --profile local.")
  String bucket;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (profile == null && bucket != null) {
      throw new UserException(ExitCodes.INVALID, "--bucket needs --profile local");
    }
    if (profile != null) {
      return serveBucket();
    }
    Tree scanned = tree.scan();
    try (RegistryServer server = listen(new TreeHandler(TreeOptions.objects(scanned, headers.rules()), headers.rules()))) {
      announce(server, scanned.root() + " (" + scanned.repositories().size() + " repositories)");
      return ExitCodes.OK;
    }
  }

  private Integer serveBucket() throws Exception {
    if (!profile.equals("local")) {
      throw new UserException(ExitCodes.INVALID, "serve --profile " + profile
          + ": only the local profile can be served; other buckets are served by their provider or CDN");
    }
    if (bucket == null || bucket.isBlank()) {
      throw new UserException(ExitCodes.INVALID, "serve --profile local needs --bucket NAME");
    }
    try (EmbeddedEndpoint endpoint = EmbeddedEndpoint.start(EmbeddedEndpoint.defaultDataDir(), 0, null)) {
      if (!endpoint.exists(bucket)) {
        throw new UserException(ExitCodes.FAILED, "bucket '" + bucket + "' does not exist in the local store "
            + endpoint.dataDir() + " (publish to it first with --profile local --bucket " + bucket + ")");
      }
      try (RegistryServer server = listen(new BucketFrontHandler(endpoint.bucketUri(bucket), headers.rules()))) {
        announce(server, "local bucket " + bucket + " (" + endpoint.dataDir() + ")");
        return ExitCodes.OK;
      }
    }
  }

  private RegistryServer listen(com.sun.net.httpserver.HttpHandler handler) throws IOException {
    try {
      return RegistryServer.start(bind, port, handler);
    } catch (BindException e) {
      throw new UserException(ExitCodes.FAILED, "cannot listen on " + bind + ":" + port + " (" + e.getMessage()
          + "); choose another with --port or --bind");
    }
  }

  /** Prints where the registry is and blocks until the process is stopped. */
  private void announce(RegistryServer server, String what) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    String host = server.uri().getAuthority();
    spec.commandLine().getOut().println("serving " + what + " at " + server.uri() + "/v2/");
    spec.commandLine().getOut().println("pull with e.g.: skopeo copy --src-tls-verify=false docker://" + host + "/REPO:TAG dir:out");
    spec.commandLine().getOut().flush();
    stopped.await();
  }
}
