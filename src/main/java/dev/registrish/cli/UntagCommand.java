package dev.registrish.cli;

import dev.registrish.tree.ImageReference;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.TreeTags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code registrish untag}: removes a tag from the tree; the image's content stays. */
@Command(name = "untag", mixinStandardHelpOptions = true,
    description = {"Remove the tag REPO:TAG. Its manifests and blobs stay in the tree: 'registrish prune' removes "
        + "what no tag reaches any more, and a publish with --delete then deletes it from the bucket."})
public final class UntagCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tree", defaultValue = ".", paramLabel = "DIR", description = "The folder that holds v2/ (default: the current folder).")
  Path tree;

  @Parameters(index = "0", paramLabel = "REPO:TAG", description = "The tag to remove.")
  String image;

  @Override
  public Integer call() throws IOException {
    ImageReference ref;
    try {
      ref = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    String done;
    try {
      done = TreeTags.untag(tree, ref);
    } catch (InvalidTreeException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    spec.commandLine().getOut().println(done);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
