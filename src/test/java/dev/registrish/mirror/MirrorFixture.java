package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.publish.state.Marker;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference registry as upstream and S3Proxy as the bucket, for the mirror's tests: pushes seeded images
 * upstream, writes mirror files, runs {@code registrish mirror} with a JSON report, and reads back what a user
 * checks: the report's rows, the bucket's keys and tags, and the marker.
 */
final class MirrorFixture implements AutoCloseable {
  final DistributionRegistry registry;
  final S3ProxyFixture s3;
  private final Path work;

  MirrorFixture(Path work, DistributionRegistry registry) throws Exception {
    this.work = work;
    this.registry = registry;
    this.s3 = new S3ProxyFixture();
  }

  /** A fixture with an anonymous registry. */
  static MirrorFixture anonymous(Path work) throws Exception {
    return new MirrorFixture(work, DistributionRegistry.anonymous(Files.createDirectories(work.resolve("registry"))));
  }

  /** Pushes a seeded image (2 layers per platform; an index when several) upstream as {@code repo:tag}. */
  RepositoryTree push(String repo, String tag, long seed, String... platforms) throws Exception {
    return push(registry, work, repo, tag, seed, platforms);
  }

  /** As {@link #push}, to another registry. */
  static RepositoryTree push(DistributionRegistry registry, Path work, String repo, String tag, long seed,
      String... platforms) throws Exception {
    Path root = Files.createTempDirectory(work, "image-");
    new SyntheticImages(root, seed).image("img", tag, List.of(platforms), 2, List.of());
    RepositoryTree tree = TreeScanner.scan(root).repositories().get("img");
    registry.push(tree, tag, repo);
    return tree;
  }

  /** The digest of a pushed image's tag. */
  static Digest digest(RepositoryTree tree, String tag) {
    return tree.tags().get(tag).manifest().digest();
  }

  /** Writes a mirror file from its lines; {@code REGISTRY} in a line stands for the registry's host. */
  Path file(String name, String... lines) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, String.join("\n", lines).replace("REGISTRY", registry.host()) + "\n");
    return file;
  }

  /** Runs {@code registrish mirror --config FILE} into a bucket of S3Proxy, with a JSON report. */
  Cli.Run mirror(String bucket, Path file, String... extra) {
    return mirrorThrough(s3.uri().toString(), bucket, file, extra);
  }

  /** As {@link #mirror}, to the bucket through {@code endpoint}. */
  static Cli.Run mirrorThrough(String endpoint, String bucket, Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("mirror", "--config", file.toString(), "--bucket", bucket, "--profile",
        "local", "--endpoint", endpoint, "--output", "json"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  static JsonNode report(Cli.Run run) throws Exception {
    return Json.MAPPER.readTree(run.out());
  }

  /** The report's row of {@code repository:tag} ({@code tag} null: the row of an image whose tags are unknown). */
  static JsonNode row(Cli.Run run, String repository, String tag) throws Exception {
    for (JsonNode row : report(run).get("images")) {
      if (row.get("repository").asText().equals(repository) && (tag == null ? row.get("tag").isNull()
          : row.get("tag").asText().equals(tag))) {
        return row;
      }
    }
    throw new AssertionError("no row " + repository + ":" + tag + " in the report:\n" + run.out());
  }

  /** The bucket's requests of one operation in a run's report (Put, Copy, Delete, ...). */
  static long requests(Cli.Run run, String operation) throws Exception {
    JsonNode n = report(run).get("requests").get(operation);
    return n == null ? 0 : n.asLong();
  }

  /** Every key under {@code v2/} to its ETag. */
  Map<String, String> keys(String bucket) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (ObjectStore store = s3.objectStore(bucket)) {
      for (RemoteObject o : store.list("v2/")) {
        out.put(o.key(), o.etag());
      }
    }
    return out;
  }

  /** The keys of one repository, with their ETags. */
  Map<String, String> keys(String bucket, String repository) throws Exception {
    Map<String, String> out = new TreeMap<>(keys(bucket));
    out.keySet().removeIf(k -> !k.startsWith("v2/" + repository + "/"));
    return out;
  }

  /** The digest of the bytes a tag holds in the bucket, or null when the tag is not there. */
  Digest tag(String bucket, String repository, String tag) throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return store.get("v2/" + repository + "/manifests/" + tag).map(Digest::sha256).orElse(null);
    }
  }

  MarkerTemplate marker(String bucket) throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      MarkerTemplate m = Marker.read(store, "").marker();
      assertNotNull(m, "the bucket has a marker");
      return m;
    }
  }

  @Override
  public void close() throws Exception {
    try (s3) {
      registry.close();
    }
  }
}
