package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.S3ProxyFixture;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one row per case: each stops with a message naming the file or object and the reason,
 * a non-zero exit code, no stack trace, and no write request reaching the bucket.
 */
class PublishBadInputTest {
  static S3ProxyFixture s3;
  static final String BUCKET = "bad-input";

  @TempDir
  Path tree;
  @TempDir
  Path outside;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  /** What a case runs: the command's options, and the words its message must contain. */
  static final class Run {
    String bucket = BUCKET;
    String profile = "local";
    String endpoint;
    final List<String> extra = new ArrayList<>();
    final List<String> expected = new ArrayList<>();

    Run expect(String... words) {
      expected.addAll(List.of(words));
      return this;
    }
  }

  /** Breaks the tree or the options for one case. */
  interface Setup {
    Run apply(Path tree, Path outside, Run run) throws Exception;
  }

  record Case(String name, int exit, Setup setup) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Path first(Path dir, String glob) throws Exception {
    try (var files = Files.newDirectoryStream(dir, glob)) {
      return files.iterator().next();
    }
  }

  /** The image manifest (not the index) of app:v1 for linux/arm64: the index's second child. */
  static Path childManifest(Path tree) throws Exception {
    String index = Files.readString(tree.resolve("v2/app/manifests/v1"));
    String digest = index.replaceAll("(?s).*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
    return tree.resolve("v2/app/manifests/" + digest);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("blob content not matching its name", 2, (t, o, r) -> {
          Path blob = first(t.resolve("v2/app/blobs"), "sha256:*");
          Files.writeString(blob, "tampered");
          return r.expect(blob.getFileName().toString(), "content does not match its name");
        }),
        new Case("truncated manifest JSON", 2, (t, o, r) -> {
          Path m = childManifest(t);
          Files.write(m, Files.readAllBytes(Path.of("src/test/resources/manifests/truncated.json")));
          return r.expect(m.getFileName().toString(), "invalid manifest: not valid JSON: Unexpected end-of-input");
        }),
        new Case("tag that is not JSON", 2, (t, o, r) -> {
          Files.writeString(t.resolve("v2/app/manifests/v1"), "<html>not found</html>");
          return r.expect("v2/app/manifests/v1", "invalid manifest");
        }),
        new Case("manifest whose mediaType is text/html", 2, (t, o, r) -> {
          Files.copy(Path.of("src/test/resources/manifests/html-media-type.json"), t.resolve("v2/app/manifests/v1"),
              StandardCopyOption.REPLACE_EXISTING);
          return r.expect("v2/app/manifests/v1", "invalid manifest: mediaType 'text/html' is not a manifest or index type");
        }),
        new Case("200 MB stray file under manifests/", 2, (t, o, r) -> {
          try (RandomAccessFile f = new RandomAccessFile(t.resolve("v2/app/manifests/stray").toFile(), "rw")) {
            f.setLength(200L << 20);
          }
          return r.expect("v2/app/manifests/stray", "209715200 bytes, more than the 4 MiB a manifest may have");
        }),
        new Case("sha512-named manifest not matching its name", 2, (t, o, r) -> {
          Path m = t.resolve("v2/app/manifests/sha512:" + "0".repeat(128));
          Files.copy(t.resolve("v2/app/manifests/v1"), m);
          return r.expect(m.getFileName().toString(), "content does not match its name (its sha512 is sha512:");
        }),
        new Case("--prefix inside another registry's v2/", 2, (t, o, r) -> {
          r.extra.addAll(List.of("--prefix", "v2/x/"));
          return r.expect("--prefix v2/x/: a prefix must not contain a segment named v2");
        }),
        new Case("manifest referencing a missing blob", 2, (t, o, r) -> {
          Path blob = first(t.resolve("v2/app/blobs"), "sha256:*");
          Files.delete(blob);
          return r.expect("references blob " + blob.getFileName(), "which is not in app/blobs/");
        }),
        new Case("index referencing a missing child", 2, (t, o, r) -> {
          Path child = childManifest(t);
          Files.delete(child);
          String index = Digest.sha256(Files.readAllBytes(t.resolve("v2/app/manifests/v1"))).toString();
          return r.expect("v2/app/manifests/" + index, "lists manifest " + child.getFileName(), "which is not in app/manifests/");
        }),
        new Case("invalid repository name", 2, (t, o, r) -> {
          Files.move(t.resolve("v2/app"), t.resolve("v2/App"));
          return r.expect("invalid repository name 'App'");
        }),
        new Case("invalid tag", 2, (t, o, r) -> {
          Files.copy(t.resolve("v2/app/manifests/v1"), t.resolve("v2/app/manifests/-v1"));
          return r.expect("v2/app/manifests/-v1", "neither a digest nor a valid tag");
        }),
        new Case("symlink leading outside the tree", 2, (t, o, r) -> {
          Path blob = first(t.resolve("v2/app/blobs"), "sha256:*");
          Path target = o.resolve("secret-file");
          Files.move(blob, target);
          Files.createSymbolicLink(blob, target);
          return r.expect(blob.getFileName().toString(), "symbolic link leads outside the tree");
        }),
        new Case("dangling symlink (unreadable file)", 2, (t, o, r) -> {
          Path blob = first(t.resolve("v2/app/blobs"), "sha256:*");
          Files.delete(blob);
          Files.createSymbolicLink(blob, t.resolve("v2/app/blobs/gone"));
          return r.expect(blob.getFileName().toString(), "symbolic link to", "which does not exist");
        }),
        new Case("unreadable file (chmod 000, not root)", 2, (t, o, r) -> {
          assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads any file: covered by the dangling symlink case");
          Path blob = first(t.resolve("v2/app/blobs"), "sha256:*");
          Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("---------"));
          return r.expect(blob.getFileName().toString(), "cannot read");
        }),
        new Case("unknown profile", 2, (t, o, r) -> {
          r.profile = "nope";
          return r.expect("unknown profile 'nope'");
        }),
        new Case("profile needing an unset variable", 2, (t, o, r) -> {
          Path profile = o.resolve("needs-var.json");
          Files.writeString(profile, "{\"endpoint\": \"http://${REGISTRISH_TEST_UNSET_VAR}:9000\", \"region\": \"us-east-1\","
              + " \"pathStyle\": true, \"checksums\": \"WHEN_REQUIRED\", \"chunkedEncoding\": false, \"batchDelete\": false}");
          r.profile = profile.toString();
          r.endpoint = "";
          return r.expect("profile 'needs-var'", "REGISTRISH_TEST_UNSET_VAR");
        }),
        new Case("profile reading a secret variable", 2, (t, o, r) -> {
          Path profile = o.resolve("reads-secret.json");
          Files.writeString(profile, "{\"endpoint\": \"http://${AWS_SECRET_ACCESS_KEY}@127.0.0.1:9000\", \"region\": \"us-east-1\","
              + " \"pathStyle\": true, \"checksums\": \"WHEN_REQUIRED\", \"chunkedEncoding\": false, \"batchDelete\": false}");
          r.profile = profile.toString();
          r.endpoint = "";
          return r.expect("profile 'reads-secret' may not read the environment variable AWS_SECRET_ACCESS_KEY");
        }),
        new Case("wrong credentials (403)", 1, (t, o, r) -> {
          System.setProperty("aws.secretAccessKey", "wrong-secret");
          return r.expect("bucket '" + BUCKET + "'", "HTTP 403", "check the credentials");
        }),
        new Case("missing bucket", 1, (t, o, r) -> {
          r.bucket = "no-such-bucket";
          return r.expect("bucket 'no-such-bucket' does not exist");
        }),
        new Case("unreachable endpoint", 1, (t, o, r) -> {
          try (ServerSocket s = new ServerSocket(0)) {
            r.endpoint = "http://127.0.0.1:" + s.getLocalPort();
          }
          return r.expect("cannot reach " + r.endpoint, "Connection refused");
        }),
        new Case("invalid endpoint URL", 2, (t, o, r) -> {
          r.endpoint = "http://bad host:9000";
          return r.expect("invalid --endpoint http://bad host:9000");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publish_badInput_failsNamingTheCauseAndWritesNothing(Case c) throws Exception {
    new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 2, List.of());
    Run r = new Run();
    r.endpoint = s3.uri().toString();
    try {
      c.setup().apply(tree, outside, r);
      List<String> args = new ArrayList<>(List.of("publish", "--bucket", r.bucket, "--profile", r.profile, "--tree", tree.toString()));
      if (!r.endpoint.isEmpty()) {
        args.addAll(List.of("--endpoint", r.endpoint));
      }
      args.addAll(r.extra);
      s3.store.reset();
      Cli.Run run = Cli.run(args.toArray(String[]::new));
      assertEquals(c.exit(), run.exit(), run.toString());
      for (String word : r.expected) {
        assertTrue(run.err().contains(word), "message names '" + word + "':\n" + run.err());
      }
      assertTrue(run.err().startsWith("registrish: "), "one clear message: " + run.err());
      assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:\n"), "no stack trace:\n" + run.err());
      assertEquals(0, s3.store.writes(), "nothing reached the bucket: " + s3.store.snapshot());
    } finally {
      System.setProperty("aws.secretAccessKey", S3ProxyFixture.SECRET);
    }
  }
}
