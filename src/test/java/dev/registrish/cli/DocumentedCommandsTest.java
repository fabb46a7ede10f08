package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.registrish.mirror.MirrorFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code registrish} command line in the README's shell blocks and in the CI examples is
 * parsed by the real command line, so the docs cannot drift from the code; the CI examples must
 * be valid YAML.
 */
class DocumentedCommandsTest {
  static final List<Path> CI_EXAMPLES = List.of(Path.of("scripts/ci/github-mirror.yml"), Path.of("scripts/ci/github-publish.yml"),
      Path.of("scripts/ci/gitlab-ci.yml"));
  static final Path ACTION = Path.of("scripts/action/action.yml");

  @Test
  void readme_everyCommandLineParses() throws Exception {
    assertTrue(parseAll(shellLines(Path.of("README.md")), "README.md") >= 10, "README shows registrish commands");
  }

  @Test
  void docs_everyCommandLineParses() throws Exception {
    try (var docs = Files.list(Path.of("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        parseAll(shellLines(doc), doc.toString());
      }
    }
  }

  private static List<String> shellLines(Path markdown) throws Exception {
    List<String> lines = new ArrayList<>();
    boolean shell = false;
    for (String line : Files.readAllLines(markdown)) {
      if (line.startsWith("```")) {
        shell = !shell && (line.equals("```bash") || line.equals("```sh"));
        continue;
      }
      if (shell) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void ciExamples_areYamlAndEveryCommandLineParsesOrEveryActionInputExists() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode inputs = yaml.readTree(ACTION.toFile()).get("inputs");
    for (Path file : CI_EXAMPLES) {
      JsonNode doc = yaml.readTree(file.toFile());
      List<String> lines = new ArrayList<>();
      collectScripts(doc, false, lines);
      List<JsonNode> uses = new ArrayList<>();
      collectActionSteps(doc, uses);
      for (JsonNode step : uses) {
        step.get("with").fieldNames().forEachRemaining(name ->
            assertTrue(inputs.has(name), file + ": the action has no input '" + name + "'"));
        inputs.fields().forEachRemaining(e -> assertTrue(!e.getValue().path("required").asBoolean()
            || step.get("with").has(e.getKey()), file + ": the action's required input '" + e.getKey() + "' is missing"));
      }
      assertTrue(parseAll(lines, file.toString()) + uses.size() >= 1, file + " runs registrish");
      assertTrue(Files.readString(file).contains("--delete") || Files.readString(file).contains("delete: \"true\""),
          file + " shows deletes");
    }
  }

  @Test
  void exampleMirrorFile_loads() throws Exception {
    var config = MirrorFile.load(Path.of("scripts/ci/mirror.yaml"),
        Map.of("GHCR_USER", "someone", "GHCR_TOKEN", "not-a-real-token"));
    assertTrue(config.images().size() >= 3, config.toString());
  }

  /** The steps that use registrish's action (from this repository, or OWNER/registrish/scripts/action@v1). */
  private static void collectActionSteps(JsonNode node, List<JsonNode> out) {
    if (node.isObject() && node.path("uses").asText().contains("registrish/scripts/action")) {
      out.add(node);
    }
    node.elements().forEachRemaining(child -> collectActionSteps(child, out));
  }

  /** Collects the shell lines of {@code run} (GitHub) and {@code script}/{@code before_script} (GitLab) entries. */
  private static void collectScripts(JsonNode node, boolean shell, List<String> out) {
    if (node.isTextual() && shell) {
      out.addAll(node.asText().lines().toList());
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collectScripts(e.getValue(),
          List.of("run", "script", "before_script").contains(e.getKey()), out));
    } else if (node.isArray()) {
      node.forEach(child -> collectScripts(child, shell, out));
    }
  }

  /** Parses every line that runs registrish; returns how many there were. */
  private static int parseAll(List<String> lines, String source) {
    int n = 0;
    for (String line : lines) {
      List<String> words = words(line.trim());
      int at = words.indexOf("registrish");
      if (at < 0) {
        at = words.indexOf("scripts/registrish");
      }
      if (at < 0) {
        continue;
      }
      List<String> args = words.subList(at + 1, words.size());
      try {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertFalse(result.errors().size() > 0, source + ": " + line);
      } catch (CommandLine.ParameterException e) {
        fail(source + ": `" + line + "` does not parse: " + e.getMessage());
      }
      n++;
    }
    return n;
  }

  /** Splits a shell line into words (quotes and backslashes), stopping at a pipe, redirection, comment or list operator. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        w = w == null ? new StringBuilder() : w;
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
        continue;
      }
      if ("|;&<>#)".indexOf(c) >= 0 && w == null) {
        break;
      }
      w = w == null ? new StringBuilder() : w;
      w.append(c);
    }
    if (w != null) {
      out.add(w.toString());
    }
    return out;
  }
}
