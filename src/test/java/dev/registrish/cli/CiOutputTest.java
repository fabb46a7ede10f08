package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.ChildJvm;
import dev.registrish.testing.Cli;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.Tools;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a publish or a mirror shows in a CI job, where stderr and stdout are files or pipes, never a terminal: progress lines on
 * stderr, a short report, report files, the GitHub job summary, JSON alone on stdout.
 */
class CiOutputTest {
  static final Pattern INTERVAL = Pattern.compile("progress: \\d+/\\d+ objects, [0-9.]+ [KM]?i?B/[0-9.]+ [KM]?i?B \\(\\d+%\\), "
      + "[0-9.]+ [KM]?i?B/s, ETA (-|\\d+s|\\d+m\\d\\ds)");
  static final Pattern END = Pattern.compile("progress: (\\d+)/(\\d+) objects, ([0-9.]+ [KM]?i?B)/([0-9.]+ [KM]?i?B) \\(100%\\), "
      + "[0-9.]+ [KM]?i?B/s, took \\d+s");

  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir
  Path work;
  Path tree;
  String bucket;

  @BeforeEach
  void tree() throws Exception {
    tree = work.resolve("tree");
    SyntheticImages images = new SyntheticImages(tree, 1);
    images.image("app", "v1", List.of("linux/amd64", "linux/arm64"), 2, List.of());
    images.image("tools/cli", "1.0", List.of("linux/amd64"), 1, List.of());
    bucket = s3.newBucket("ci");
  }

  Cli.Run publish(String... extra) {
    return s3.publish(bucket, tree, extra);
  }

  static List<String> progressLines(String err) {
    return err.lines().filter(l -> l.startsWith("progress: ")).toList();
  }

  static void assertNoEscapes(String text) {
    assertFalse(text.contains("\r") || text.contains("\033"), "no carriage return or escape code: " + text);
  }

  @Test
  void publish_inACiLog_printsProgressLinesAtTheIntervalAndAtTheEnd() throws Exception {
    try (FaultProxy slow = new FaultProxy(s3.proxy.getPort())) {
      // every object takes 300 ms, one at a time: the run lasts several intervals of 1 s
      slow.rule(r -> r.method().equals("PUT") && r.path().contains("/v2/") ? new FaultProxy.Delay(Duration.ofMillis(300)) : null);
      Path report = work.resolve("report.json");
      Cli.Run run = S3ProxyFixture.publish(slow.uri().toString(), bucket, tree, "--stats", "1s", "--concurrency", "1",
          "--report", report.toString());
      assertEquals(0, run.exit(), run.toString());
      List<String> lines = progressLines(run.err());
      assertTrue(lines.size() >= 2, run.err());
      for (String line : lines.subList(0, lines.size() - 1)) {
        assertTrue(INTERVAL.matcher(line).matches(), line);
      }
      Matcher end = END.matcher(lines.get(lines.size() - 1));
      assertTrue(end.matches(), lines.get(lines.size() - 1));
      assertEquals(end.group(2), end.group(1), "every object written");
      assertEquals(end.group(4), end.group(3), "every byte sent");
      assertEquals(Json.MAPPER.readTree(report.toFile()).get("summary").get("upload").asInt(), Integer.parseInt(end.group(2)),
          "the objects the run uploads");
      assertNoEscapes(run.err() + run.out());
      assertTrue(run.out().startsWith("Published to bucket " + bucket + "\n"), run.out());
    }
  }

  @Test
  void publish_noOp_listsUnchangedImagesOnlyWithVerbose() {
    assertEquals(0, publish().exit());
    Cli.Run again = publish();
    assertEquals(0, again.exit(), again.toString());
    assertEquals(List.of("Published to bucket " + bucket, "  2 images unchanged (-v lists them)"),
        again.out().lines().limit(2).toList());
    assertEquals(3, again.out().lines().count(), again.out());
    assertEquals(List.of(), progressLines(again.err()), "nothing written, no progress");

    Cli.Run verbose = publish("-v");
    assertTrue(verbose.out().lines().anyMatch(l -> l.matches("  app:v1 +unchanged +sha256:.*")), verbose.out());
    assertTrue(verbose.out().lines().anyMatch(l -> l.matches("  tools/cli:1.0 +unchanged +sha256:.*")), verbose.out());
  }

  @Test
  void publish_newTagOnAManifestInTheBucket_markdownSaysOnlyTheTagIsSent() {
    assertEquals(0, publish().exit());
    assertEquals(0, Cli.run("tag", "--tree", tree.toString(), "app:v1", "latest").exit());
    Cli.Run run = publish("--output", "markdown");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("| image | status | digest | sent |\n"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches(
        "\\| `app:latest` \\| new \\| sha256:[0-9a-f]{12}… \\| the tag alone: its manifest is in the bucket already \\|")), run.out());
    assertFalse(run.out().contains("| 0 |") || run.out().contains("0 B |"), run.out());
    assertTrue(run.out().contains("\n2 images unchanged.\n"), run.out());
  }

  @Test
  void publish_severalReports_eachInTheFormatOfItsExtension() throws Exception {
    Path json = work.resolve("out/report.json");
    Path md = work.resolve("out/summary.md");
    Path txt = work.resolve("out/report.txt");
    Files.createDirectories(json.getParent());
    Cli.Run run = publish("-q", "--report", json.toString(), "--report", md.toString(), "--report", txt.toString());
    assertEquals(0, run.exit(), run.toString());
    assertEquals("", run.out(), "-q prints nothing; the reports are still written");
    JsonNode report = Json.MAPPER.readTree(json.toFile());
    assertEquals(1, report.get("schemaVersion").asInt());
    assertEquals(bucket, report.get("bucket").asText());
    assertTrue(Files.readString(md).startsWith("### registrish: Published to bucket " + bucket + "\n\n| image | status |"),
        Files.readString(md));
    assertTrue(Files.readString(txt).startsWith("Published to bucket " + bucket + "\n  app:v1 "), Files.readString(txt));
  }

  @Test
  void publish_reportWithAnUnknownExtension_writesNothing() throws Exception {
    Cli.Run run = publish("--report", work.resolve("report.html").toString());
    UsageErrorsTest.assertUsageError(run, "publish", "--report", "expected a file name ending in .json, .md or .txt");
    assertEquals(List.of(), s3.keys(bucket));
  }

  @Test
  void publish_outputJsonToTheEmbeddedEndpoint_printsJsonAloneOnStdout() throws Exception {
    System.setProperty("registrish.local.dir", work.resolve("local").toString());
    try {
      Cli.Run run = Cli.run("publish", "--profile", "local", "--bucket", "demo", "--tree", tree.toString(), "--output", "json");
      assertEquals(0, run.exit(), run.toString());
      JsonNode report = Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(run.out());
      assertEquals("demo", report.get("bucket").asText());
      assertTrue(run.err().contains("Stored in " + work.resolve("local")), "the footer goes to stderr: " + run.err());
    } finally {
      System.clearProperty("registrish.local.dir");
    }
  }

  @Test
  void publish_inGitHubActions_addsTheSummaryToTheStepUnlessToldNot() throws Exception {
    Path summary = work.resolve("step-summary.md");
    Files.writeString(summary, "## Build\n\nok\n");
    ChildJvm child = child("first", "publish", "--bucket", bucket, "--profile", "local", "--endpoint", s3.uri().toString(),
        "--tree", tree.toString()).env("GITHUB_STEP_SUMMARY", summary.toString());
    assertEquals(0, child.run(0, 120), child.err());
    String text = Files.readString(summary);
    assertTrue(text.startsWith("## Build\n\nok\n\n### registrish: Published to bucket " + bucket + "\n"), text);
    assertTrue(text.contains("| `app:v1` | new |") && text.contains("<details><summary>Every key this run changed"), text);
    assertTrue(END.matcher(progressLines(child.err()).get(0)).matches(), child.err());
    assertNoEscapes(child.err() + child.out());

    new SyntheticImages(tree, 2).image("app", "v2", List.of("linux/amd64"), 1, List.of());
    ChildJvm optedOut = child("second", "publish", "--bucket", bucket, "--profile", "local", "--endpoint", s3.uri().toString(),
        "--tree", tree.toString(), "--no-step-summary").env("GITHUB_STEP_SUMMARY", summary.toString());
    assertEquals(0, optedOut.run(0, 120), optedOut.err());
    assertTrue(optedOut.out().contains("app:v2"), optedOut.out());
    assertEquals(text, Files.readString(summary));
  }

  @Test
  void mirror_inGitHubActions_printsJsonAloneAndAddsTheSummary() throws Exception {
    Tools.require("skopeo", "skopeo");
    try (DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("registry")))) {
      registry.push(TreeScanner.scan(tree).repositories().get("app"), "v1", "team/app");
      Path summary = work.resolve("step-summary.md");
      Path md = work.resolve("mirror.md");
      ChildJvm child = child("mirror", "mirror", "--image", registry.host() + "/team/app:v1", "--target", "app",
          "--tree", work.resolve("mirrored").toString(), "--output", "json", "--report", md.toString())
          .env("GITHUB_STEP_SUMMARY", summary.toString());
      assertEquals(0, child.run(0, 120), child.err());
      JsonNode report = Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(child.out());
      assertEquals(1, report.get("schemaVersion").asInt());
      assertEquals("new", report.get("images").get(0).get("status").asText(), child.out());
      assertTrue(Files.readString(summary).contains("| `app:v1` | new |"), Files.readString(summary));
      assertEquals(Files.readString(md), Files.readString(summary), "the job summary is the Markdown report");
      assertTrue(END.matcher(progressLines(child.err()).get(0)).matches(), child.err());
      assertNoEscapes(child.err());
    }
  }

  ChildJvm child(String name, String... args) throws Exception {
    return new ChildJvm(Files.createDirectories(work.resolve(name)), List.of(), new ArrayList<>(List.of(args)));
  }
}
