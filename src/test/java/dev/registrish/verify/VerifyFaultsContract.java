package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.cli.Main;
import dev.registrish.oci.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault table, for any server that serves a published tree: a clean publish verifies with
 * nothing reported; each seeded fault is reported once, at its URL, and makes {@code registrish
 * verify} exit 3. A subclass says how to publish the tree to its server and which faults it can be given.
 */
abstract class VerifyFaultsContract {
  @TempDir
  static Path treeRoot;
  static ScenarioTree scenario;

  /** Publishes the scenario tree to a fresh registry of the server under test. */
  protected abstract RegistryTarget publish(ScenarioTree tree) throws Exception;

  @BeforeAll
  static void writeTree() throws Exception {
    scenario = ScenarioTree.write(treeRoot);
  }

  /** Runs the command as a user would, with JSON output; returns the exit code and the parsed report. */
  static Run verify(RegistryTarget target, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("verify", "--url", target.url().toString(), "--tree", treeRoot.toString(),
        "--output", "json"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(String[]::new));
    assertEquals("", err.toString(), "nothing on stderr");
    return new Run(code, Json.MAPPER.readTree(out.toString()));
  }

  /** An exit code and the JSON report. */
  record Run(int exitCode, JsonNode report) {
    List<String> findings() {
      List<String> out = new ArrayList<>();
      report.get("findings").forEach(f -> out.add(f.get("severity").asText() + " " + f.get("check").asText() + " "
          + f.get("url").asText()));
      return out;
    }
  }

  @Test
  void verify_cleanPublishPasses() throws Exception {
    try (RegistryTarget target = publish(scenario)) {
      Run run = verify(target, "--strict", "--deep");
      assertEquals(List.of(), run.findings());
      assertEquals(0, run.exitCode());
      assertEquals(4, run.report().get("images").asInt());
      assertEquals(6, run.report().get("manifests").asInt(), "4 tags and the 2 children of the index");
      assertEquals(12, run.report().get("blobs").asInt());
    }
  }

  /** The faults this server can be given; a server whose headers cannot be wrong by construction leaves those out. */
  protected Set<Fault> faults() {
    return EnumSet.allOf(Fault.class);
  }

  @TestFactory
  Stream<DynamicTest> verify_reportsSeededFault() {
    return faults().stream().map(fault -> DynamicTest.dynamicTest(fault.name(), () -> {
      try (RegistryTarget target = publish(scenario)) {
        String key = fault.seed(scenario, target);
        Run run = verify(target);
        assertEquals(List.of("problem " + fault.check + " " + target.url().resolve(key)), run.findings());
        assertEquals(3, run.exitCode());
      }
    }));
  }
}
