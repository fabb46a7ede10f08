package dev.registrish.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.source.Corpus;
import dev.registrish.testing.Folders;
import dev.registrish.testing.Processes;
import dev.registrish.testing.S3ProxyFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * registrish as a user installs it: the built tar.gz unpacked in one folder, a symbolic link to its
 * {@code bin/registrish} in a folder on PATH, run from a third folder, with no Maven and no source tree.
 * Runs after {@code package} (maven-failsafe-plugin), which builds the archive.
 */
class InstalledToolIT {
  static final String VERSION_LINE = "registrish ";

  @TempDir
  Path install;
  @TempDir
  Path bin;
  @TempDir
  Path work;

  static Path distribution() {
    Path archive = Path.of(System.getProperty("registrish.distribution", "target/registrish.tar.gz"));
    assertTrue(Files.isRegularFile(archive), archive + " is missing: build it with mvn package");
    return archive;
  }

  /** The installed command, found through PATH by a shell, run in {@code work} with its own cache and local store. */
  Processes.Result registrish(Map<String, String> extraEnv, String... args) throws Exception {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    env.put("XDG_CACHE_HOME", work.resolve("cache").toString());
    env.put("REGISTRISH_LOCAL_DIR", work.resolve("local-s3").toString());
    List<String> command = new ArrayList<>(List.of("sh", "-c", "exec registrish \"$@\"", "registrish"));
    command.addAll(List.of(args));
    return Processes.run(work, 300, env, command);
  }

  @Test
  void installedTool_fromALinkOnPath_runsAndPublishesWithoutTheEmbeddedEndpoint() throws Exception {
    Path archive = distribution();
    Processes.ok(install, 120, List.of("tar", "xzf", archive.toString()));
    Path home;
    try (Stream<Path> unpacked = Files.list(install)) {
      home = unpacked.findFirst().orElseThrow();
    }
    assertTrue(home.getFileName().toString().startsWith("registrish-"), home.toString());
    Files.createSymbolicLink(bin.resolve("registrish"), home.resolve("bin/registrish"));

    Processes.Result version = registrish(Map.of(), "--version");
    assertEquals(0, version.exit(), version.output());
    assertEquals(VERSION_LINE + home.getFileName().toString().substring("registrish-".length()), version.output().strip());
    try (Stream<Path> cached = Files.walk(work.resolve("cache/registrish"))) {
      assertTrue(cached.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")), "a class-data-sharing archive in the cache");
    }

    Processes.Result generated = registrish(Map.of(), "bench-corpus", "--tree", "tree", "--add-tag", "v1");
    assertEquals(0, generated.exit(), generated.output());

    Processes.Result embedded = registrish(Map.of(), "publish", "--profile", "local", "--bucket", "embedded", "--tree", "tree");
    assertEquals(0, embedded.exit(), embedded.output());
    assertTrue(embedded.output().contains(Corpus.NEW_TAGS_REPOSITORY + ":v1") && embedded.output().contains("Stored in"),
        embedded.output());

    Folders.delete(home.resolve("lib/embedded"));
    try (S3ProxyFixture s3 = new S3ProxyFixture()) {
      s3.createBucket("installed");
      Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", S3ProxyFixture.IDENTITY,
          "AWS_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET, "AWS_REGION", "us-east-1");
      Processes.Result published = registrish(credentials, "publish", "--profile", "local", "--endpoint", s3.uri().toString(),
          "--bucket", "installed", "--tree", "tree");
      assertEquals(0, published.exit(), published.output());
      assertTrue(published.output().contains(Corpus.NEW_TAGS_REPOSITORY + ":v1"), published.output());
      assertTrue(s3.keys("installed").contains("v2/" + Corpus.NEW_TAGS_REPOSITORY + "/manifests/v1"), s3.keys("installed").toString());
    }

    Processes.Result missing = registrish(Map.of(), "publish", "--profile", "local", "--bucket", "embedded", "--tree", "tree");
    assertEquals(1, missing.exit(), missing.output());
    assertTrue(missing.output().contains("the embedded endpoint of the local profile is not installed"), missing.output());
  }

  @Test
  void zip_holdsWhatTheTarHolds() throws Exception {
    Path archive = distribution();
    String tar = Processes.ok(work, 120, List.of("tar", "tzf", archive.toString()));
    TreeSet<String> tarFiles = new TreeSet<>(tar.lines().filter(l -> !l.endsWith("/")).toList());
    String name = archive.getFileName().toString();
    TreeSet<String> zipFiles = new TreeSet<>();
    try (ZipFile zip = new ZipFile(archive.resolveSibling(name.substring(0, name.length() - ".tar.gz".length()) + ".zip").toFile())) {
      zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(zipFiles::add);
    }
    assertEquals(tarFiles, zipFiles);
    assertTrue(tarFiles.stream().anyMatch(f -> f.endsWith("/bin/registrish")), tarFiles.toString());
    assertTrue(tarFiles.stream().anyMatch(f -> f.endsWith("/lib/registrish.jar")), tarFiles.toString());
    assertTrue(tarFiles.stream().anyMatch(f -> f.matches(".*/lib/embedded/s3proxy-.*\\.jar")), tarFiles.toString());
  }
}
