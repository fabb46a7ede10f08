package dev.registrish.cli;

import dev.registrish.source.Corpus;
import dev.registrish.tree.Names;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish bench-corpus}: writes a seeded benchmark corpus (or one new tag) into a v2 tree. */
@Command(name = "bench-corpus", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write seeded synthetic images into a v2 tree, for benchmarks and tests.",
        "Corpora: small (20 multi-arch images, ~70 MB), many (2 000 images, ~20 000 objects), big (two 1 GiB layers),",
        "huge (~200 000 objects), shared (100 repositories sharing one 8 MiB base layer).",
        "The same corpus and seed always give the same bytes."})
public final class BenchCorpusCommand implements Callable<Integer> {
  @Option(names = "--tree", paramLabel = "DIR", defaultValue = ".", description = "Folder to write v2/ into (default: the current folder).")
  Path tree;

  @Option(names = "--corpus", paramLabel = "small|many|big|huge|shared", description = "The corpus to write.")
  Corpus corpus;

  @Option(names = "--add-tag", paramLabel = "TAG", description = "Also write one new image tagged TAG into repository " + Corpus.NEW_TAGS_REPOSITORY + ".")
  String addTag;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random bytes (default: 1).")
  long seed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (corpus == null && addTag == null) {
      throw new UserException(ExitCodes.INVALID, "give --corpus NAME, --add-tag TAG, or both");
    }
    if (addTag != null && !Names.isTag(addTag)) {
      throw new UserException(ExitCodes.INVALID, "--add-tag " + addTag + " is not a valid tag (up to 128 of [A-Za-z0-9_.-], not starting with . or -)");
    }
    var out = spec.commandLine().getOut();
    if (corpus != null) {
      int images = corpus.write(tree, seed);
      out.println("Wrote corpus " + corpus.name().toLowerCase() + " (" + corpus.description() + ") to " + tree + ": " + images + " images");
    }
    if (addTag != null) {
      Corpus.addTag(tree, addTag, seed);
      out.println("Wrote " + Corpus.NEW_TAGS_REPOSITORY + ":" + addTag + " to " + tree);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
