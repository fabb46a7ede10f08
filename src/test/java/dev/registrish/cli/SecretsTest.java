package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.ChildJvm;
import dev.registrish.testing.Cli;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The secret key and session token never appear in any output: every command, succeeding and
 * failing, in-process and in a child JVM at debug verbosity ({@code REGISTRISH_DEBUG=1}).
 */
class SecretsTest {
  static final String TOKEN = "registrish-session-token-7d2e90";
  static S3ProxyFixture s3;
  static final String BUCKET = "secrets";

  @TempDir
  static Path tree;
  @TempDir
  Path work;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture();
    s3.createBucket(BUCKET);
    new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64"), 1, List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.sessionToken");
    s3.close();
  }

  static void assertNoSecret(String what, String text) {
    assertFalse(text.contains(S3ProxyFixture.SECRET), what + " shows the secret key:\n" + text);
    assertFalse(text.contains(TOKEN), what + " shows the session token:\n" + text);
  }

  /** Every command line worth trying: each command's help, and each command that reaches a bucket, working and failing. */
  List<List<String>> commandLines(Path report) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("--help"));
    lines.add(List.of("--version"));
    String endpoint = s3.uri().toString();
    for (var e : Main.commandLine().getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      lines.add(List.of(e.getKey(), "--help"));
      if (sub.getCommandSpec().findOption("--bucket") == null || sub.getCommandSpec().findOption("--profile") == null) {
        continue;
      }
      List<String> base = new ArrayList<>(List.of(e.getKey(), "--bucket", BUCKET, "--profile", "local", "--endpoint", endpoint));
      if (sub.getCommandSpec().findOption("--tree") != null) {
        base.addAll(List.of("--tree", tree.toString()));
      }
      lines.add(base);
      if (sub.getCommandSpec().findOption("--report") != null) {
        List<String> withReport = new ArrayList<>(base);
        withReport.addAll(List.of("--report", report.toString(), "--output", "json"));
        lines.add(withReport);
      }
      List<String> missing = new ArrayList<>(base);
      missing.set(2, "no-such-bucket");
      lines.add(missing);
      List<String> unreachable = new ArrayList<>(base);
      unreachable.set(6, "http://127.0.0.1:9");
      lines.add(unreachable);
    }
    lines.add(List.of("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", endpoint, "--tree", tree.toString(),
        "--dry-run", "--output", "markdown"));
    return lines;
  }

  @Test
  void everyCommand_inProcess_neverShowsTheSecretOrToken() throws Exception {
    Path report = work.resolve("report.json");
    try {
      // S3Proxy refuses requests carrying a session token (501), so the working runs go without one
      for (String token : new String[] {null, TOKEN}) {
        if (token != null) {
          System.setProperty("aws.sessionToken", token);
        }
        for (List<String> line : commandLines(report)) {
          Cli.Run run = Cli.run(line.toArray(String[]::new));
          assertNoSecret(String.join(" ", line), run.out() + run.err());
        }
      }
      // wrong credentials: the server answers 403, and the message still shows no secret
      System.clearProperty("aws.sessionToken");
      System.setProperty("aws.accessKeyId", "AKIDWRONG");
      Cli.Run denied = Cli.run("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", s3.uri().toString(),
          "--tree", tree.toString());
      assertEquals(1, denied.exit(), denied.toString());
      assertTrue(denied.err().contains("HTTP 403"), denied.err());
      assertNoSecret("a 403", denied.out() + denied.err());
    } finally {
      System.setProperty("aws.accessKeyId", S3ProxyFixture.IDENTITY);
      System.clearProperty("aws.sessionToken");
    }
    assertTrue(Files.exists(report), "a report was written");
    assertNoSecret("the report file", Files.readString(report));
  }

  @EndToEnd
  @Test
  void publish_childJvmAtDebugVerbosity_neverShowsTheSecretOrToken() throws Exception {
    List<String> ok = List.of("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", s3.uri().toString(),
        "--tree", tree.toString(), "--report", work.resolve("child-report.txt").toString());
    ChildJvm good = new ChildJvm(work, List.of(), ok).env("REGISTRISH_DEBUG", "1");
    assertEquals(0, good.run(0, 120), good.err());
    assertNoSecret("a debug run", good.out() + good.err() + Files.readString(work.resolve("child-report.txt")));

    ChildJvm denied = new ChildJvm(work, List.of(), ok).env("REGISTRISH_DEBUG", "1").env("AWS_SESSION_TOKEN", TOKEN)
        .env("AWS_ACCESS_KEY_ID", "AKIDWRONG");
    assertEquals(1, denied.run(0, 120), denied.err());
    assertTrue(denied.err().contains("HTTP 403") || denied.err().contains("HTTP 501"), denied.err());
    assertNoSecret("a failing debug run (with its stack trace)", denied.out() + denied.err());
  }

  @Test
  void endpointUserInfo_neverShown() throws Exception {
    String password = "registrish-endpoint-pass-5e1b";
    String withUser = "http://minio:" + password + "@localhost:" + s3.uri().getPort();
    Path profile = work.resolve("config/registrish/profiles/mystore.json");
    Files.createDirectories(profile.getParent());
    Files.writeString(profile, "{\"endpoint\": \"" + withUser + "\", \"region\": \"us-east-1\", \"pathStyle\": true,"
        + " \"checksums\": \"WHEN_REQUIRED\", \"chunkedEncoding\": false, \"batchDelete\": false}");
    List<List<String>> lines = List.of(
        List.of("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", withUser, "--tree", tree.toString()),
        List.of("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", "http://minio:" + password + "@127.0.0.1:9",
            "--tree", tree.toString()),
        List.of("publish", "--bucket", BUCKET, "--profile", "local", "--endpoint", "http://minio:" + password + "@bad host:9",
            "--tree", tree.toString()),
        List.of("doctor", "--bucket", BUCKET, "--profile", profile.toString()),
        List.of("doctor", "--bucket", "no-such-bucket", "--profile", profile.toString(), "--url", withUser));
    for (List<String> line : lines) {
      Cli.Run run = Cli.run(line.toArray(String[]::new));
      assertFalse((run.out() + run.err()).contains(password), String.join(" ", line) + " shows the endpoint's password:\n" + run);
    }

    ChildJvm profiles = new ChildJvm(work, List.of(), List.of("profiles")).env("XDG_CONFIG_HOME", work.resolve("config").toString());
    assertEquals(0, profiles.run(0, 120), profiles.err());
    assertTrue(profiles.out().contains("endpoint:   http://localhost:" + s3.uri().getPort()), profiles.out());
    assertFalse(profiles.out().contains(password), "profiles shows the endpoint's password:\n" + profiles.out());
  }
}
