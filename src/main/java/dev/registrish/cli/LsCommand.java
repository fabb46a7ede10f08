package dev.registrish.cli;

import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.TreeListing;
import dev.registrish.tree.TreeScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code registrish ls}: lists the repositories, tags and digests of a tree. */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List the tree's images: each tag with its digest, type and platforms, and below it the referrers "
        + "(signatures, SBOMs, attestations) of the image and of its platforms, by artifact type and digest.")
public final class LsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tree", defaultValue = ".", paramLabel = "DIR", description = "The folder that holds v2/ (default: the current folder).")
  Path tree;

  @Override
  public Integer call() throws IOException, InvalidTreeException {
    TreeListing.lines(TreeScanner.scan(tree)).forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
