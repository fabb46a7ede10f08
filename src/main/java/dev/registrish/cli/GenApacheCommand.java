package dev.registrish.cli;

import dev.registrish.hosting.ApacheConfig;
import dev.registrish.hosting.DigestFiles;
import dev.registrish.hosting.UnsafeValueException;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish gen apache}: {@code .htaccess} files in the tree for Apache with AllowOverride and mod_headers. */
@Command(name = "apache", mixinStandardHelpOptions = true,
    description = "Write .htaccess files (and tags/list, ping and error documents) into the tree for Apache 2.4 "
        + "with AllowOverride All and mod_headers; the folder holding v2/ must be the document root.")
final class GenApacheCommand implements Callable<Integer> {
  @Mixin TreeOptions tree;

  @Mixin HeaderOptions headers;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Tree scanned = tree.scan();
    List<Path> digestFiles = DigestFiles.complete(scanned);
    HeaderRules rules = headers.rules();
    List<Path> written;
    try {
      written = new ApacheConfig(rules).write(scanned.root(), TreeOptions.objects(scanned, rules));
    } catch (UnsafeValueException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    spec.commandLine().getOut().println("wrote " + (written.size() + digestFiles.size()) + " files into "
        + scanned.root().resolve("v2") + " for Apache");
    return ExitCodes.OK;
  }
}
