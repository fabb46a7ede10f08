package dev.registrish.mirror;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The line of every field of a YAML document, by path ({@code images[2].tag-pattern}), for messages. */
final class YamlLines {
  private final Map<String, Integer> lines = new HashMap<>();
  private YAMLException unreadable;

  private YamlLines() {}

  /** Indexes a document; one that does not parse has no lines (its reader reports why). */
  static YamlLines of(String yaml) {
    YamlLines out = new YamlLines();
    try {
      Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
      if (root != null) {
        out.walk(root, "");
      }
    } catch (YAMLException e) {
      out.lines.clear();
      out.unreadable = e;
    }
    return out;
  }

  /** Why the document does not parse as YAML, or null when it does. */
  YAMLException unreadable() {
    return unreadable;
  }

  private void walk(Node node, String path) {
    lines.put(path, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
          lines.put(child, k.getStartMark().getLine() + 1);
          walkValue(t.getValueNode(), child);
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        walk(s.getValue().get(i), path + "[" + i + "]");
      }
    }
  }

  private void walkValue(Node value, String path) {
    Integer keyLine = lines.get(path);
    walk(value, path);
    lines.put(path, keyLine); // a field's line is its key's
  }

  /** "line N" for a path, or of its nearest parent that has one. */
  String at(String path) {
    for (String p = path; ; p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return "line " + line;
      }
      if (p.isEmpty()) {
        return "line 1";
      }
    }
  }

  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
