package dev.registrish.cli;

import dev.registrish.hosting.DigestFiles;
import dev.registrish.hosting.HostDocuments;
import dev.registrish.hosting.NginxConfig;
import dev.registrish.hosting.UnsafeValueException;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish gen nginx}: an nginx server block for conf.d that serves the tree. */
@Command(name = "nginx", mixinStandardHelpOptions = true,
    description = "Print an nginx server block (for conf.d) serving the tree as a registry; root is the tree's absolute path. "
        + "Writes the referrers documents it serves into the tree (v2/<repo>/referrers/).")
final class GenNginxCommand implements Callable<Integer> {
  @Mixin TreeOptions tree;

  @Mixin HeaderOptions headers;

  @Option(names = "--port", defaultValue = "5000", description = "Port nginx listens on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address only (default: every address).")
  String bind;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Write the configuration here instead of to stdout.")
  Path outputFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Tree scanned = tree.scan();
    for (Path p : DigestFiles.complete(scanned)) {
      spec.commandLine().getErr().println("wrote " + p + " (a tag's bytes, missing under their digest)");
    }
    HeaderRules rules = headers.rules();
    String listen = bind == null ? Integer.toString(port) : (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port;
    List<TreeObject> objects = TreeOptions.objects(scanned, rules);
    HostDocuments.writeReferrers(scanned.root(), objects);
    String config;
    try {
      config = new NginxConfig(rules).render(scanned.root(), objects, listen);
    } catch (UnsafeValueException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    if (outputFile == null) {
      spec.commandLine().getOut().print(config);
      spec.commandLine().getOut().flush();
    } else {
      TreeWriter.write(outputFile.toAbsolutePath(), config.getBytes(StandardCharsets.UTF_8));
    }
    return ExitCodes.OK;
  }
}
