package dev.registrish.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.Processes;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action's step (scripts/action/run) as a runner runs it: the built distribution installed into the
 * runner's tool cache, then `publish` of a tree and `mirror` of a mirror file into S3Proxy, with the inputs as the
 * action passes them; the step summary is written, and a second run reuses the install.
 */
class ActionIT {
  @TempDir
  Path work;

  Processes.Result step(Map<String, String> inputs) throws Exception {
    Map<String, String> env = new HashMap<>(inputs);
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", work.toString());
    env.put("RUNNER_TOOL_CACHE", work.resolve("toolcache").toString());
    env.put("GITHUB_STEP_SUMMARY", work.resolve("summary.md").toString());
    env.put("GITHUB_OUTPUT", work.resolve("output").toString());
    env.put("REGISTRISH_ARCHIVE", InstalledToolIT.distribution().toString());
    env.put("INPUT_VERSION", System.getProperty("registrish.version", "0.1.0"));
    env.put("AWS_ACCESS_KEY_ID", S3ProxyFixture.IDENTITY);
    env.put("AWS_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET);
    return Processes.run(work, 300, env, List.of(Path.of("scripts/action/run").toAbsolutePath().toString()));
  }

  @Test
  void actionStep_publishesATreeThenMirrorsAFile() throws Exception {
    Path tree = work.resolve("tree");
    new SyntheticImages(tree, 3).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    try (S3ProxyFixture s3 = new S3ProxyFixture();
        DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(work.resolve("registry")))) {
      s3.createBucket("action");
      Processes.Result publish = step(Map.of("INPUT_COMMAND", "publish", "INPUT_TREE", tree.toString(), "INPUT_BUCKET", "action",
          "INPUT_PROFILE", "local", "INPUT_REPORT", work.resolve("publish.json").toString(),
          "INPUT_ARGS", "--endpoint " + s3.uri()));
      assertEquals(0, publish.exit(), publish.output());
      assertTrue(s3.keys("action").contains("v2/app/manifests/v1"), s3.keys("action").toString());
      assertTrue(Files.readString(work.resolve("output")).contains("report=" + work.resolve("publish.json")));

      Path source = work.resolve("upstream");
      new SyntheticImages(source, 4).image("cli", "v1", List.of("linux/amd64"), 1, List.of());
      RepositoryTree cli = TreeScanner.scan(source).repositories().get("cli");
      registry.push(cli, "v1", "tools/cli");
      Path config = work.resolve("mirror.yaml");
      Files.writeString(config, "images:\n  - source: " + registry.host() + "/tools/cli\n    tags: [v1]\n");
      Processes.Result mirror = step(Map.of("INPUT_COMMAND", "mirror", "INPUT_CONFIG", config.toString(),
          "INPUT_BUCKET", "action", "INPUT_PROFILE", "local", "INPUT_REPORT", work.resolve("mirror.json").toString(),
          "INPUT_DRY_RUN", "false", "INPUT_ARGS", "--endpoint " + s3.uri()));
      assertEquals(0, mirror.exit(), mirror.output());
      assertTrue(s3.keys("action").contains("v2/tools/cli/manifests/v1"), s3.keys("action").toString());
      assertTrue(Files.isRegularFile(work.resolve("mirror.json")), "the report is written");
      String summary = Files.readString(work.resolve("summary.md"));
      assertTrue(summary.contains("| `app:v1` | new |") && summary.contains("| `tools/cli:v1` | new |"),
          "the job summary holds both real runs: " + summary);

      Processes.Result wrong = step(Map.of("INPUT_COMMAND", "copy", "INPUT_BUCKET", "action", "INPUT_PROFILE", "local",
          "INPUT_REPORT", "r.json"));
      assertEquals(2, wrong.exit(), wrong.output());
      assertTrue(wrong.output().contains("command must be mirror or publish, not 'copy'"), wrong.output());
    }
  }
}
