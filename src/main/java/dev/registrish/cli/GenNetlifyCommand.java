package dev.registrish.cli;

import dev.registrish.hosting.NetlifyConfig;
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

/** {@code registrish gen netlify}: Netlify {@code _headers} and {@code _redirects} beside {@code v2/}. */
@Command(name = "netlify", mixinStandardHelpOptions = true,
    description = "Write Netlify's _headers and _redirects beside v2/ (and tags/list, ping and error documents "
        + "into v2/); deploy the folder that holds v2/.")
final class GenNetlifyCommand implements Callable<Integer> {
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
      written = NetlifyConfig.write(scanned.root(), TreeOptions.objects(scanned, rules));
    } catch (UnsafeValueException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    spec.commandLine().getOut().println("wrote " + (written.size() + digestFiles.size()) + " files into "
        + scanned.root() + " for Netlify (deploy that folder)");
    return ExitCodes.OK;
  }
}
