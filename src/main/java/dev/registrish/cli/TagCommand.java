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

/** {@code registrish tag}: adds a tag to, or moves a tag onto, an image of the tree. */
@Command(name = "tag", mixinStandardHelpOptions = true,
    description = "Point NEWTAG at the image REPO:TAG (or REPO@DIGEST) names, in the same repository; an existing NEWTAG moves.")
public final class TagCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tree", defaultValue = ".", paramLabel = "DIR", description = "The folder that holds v2/ (default: the current folder).")
  Path tree;

  @Parameters(index = "0", paramLabel = "REPO:TAG", description = "The image to tag: REPO:TAG or REPO@DIGEST.")
  String image;

  @Parameters(index = "1", paramLabel = "NEWTAG", description = "The tag to add or move.")
  String newTag;

  @Override
  public Integer call() throws IOException {
    ImageReference from;
    try {
      from = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    String done;
    try {
      done = TreeTags.tag(tree, from, newTag);
    } catch (InvalidTreeException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    spec.commandLine().getOut().println(done);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
