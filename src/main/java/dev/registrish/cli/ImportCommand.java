package dev.registrish.cli;

import dev.registrish.source.ImportException;
import dev.registrish.source.ImportRequest;
import dev.registrish.source.ImportResult;
import dev.registrish.source.Importer;
import dev.registrish.source.SourceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code registrish import}: copies an image from a skopeo dir:, an OCI layout or a docker save archive into the tree. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import an image into the tree from a skopeo dir: folder, an OCI image layout (folder or tar) "
        + "or a docker save archive. Every blob and manifest is checked against its digest before it lands; "
        + "tags are written last.")
public final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tree", defaultValue = ".", paramLabel = "DIR", description = "The folder that holds v2/ (default: the current folder).")
  Path tree;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "A skopeo dir: folder, an OCI layout folder or tar, or a docker save tar.")
  Path source;

  @Option(names = "--image", required = true, paramLabel = "REPO", description = "Repository to import into, e.g. library/alpine.")
  String image;

  @Option(names = "--tag", paramLabel = "TAG", description = "Tag to write (repeatable). Without it, the names the source gives its images.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "dir, oci, oci-archive or docker-archive (default: detected).")
  String format;

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Keep only this platform of an index (repeatable), e.g. linux/arm64.")
  List<String> platforms = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    SourceFormat f;
    try {
      f = format == null ? null : SourceFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.INVALID, "--format: " + e.getMessage());
    }
    ImportResult result;
    try {
      result = Importer.run(new ImportRequest(tree, source, f, image, tags, platforms));
    } catch (ImportException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage() + " (nothing was written)");
    }
    PrintWriter out = spec.commandLine().getOut();
    result.notes().forEach(n -> out.println("note: " + n));
    result.tags().forEach(out::println);
    out.println(result.blobsWritten() + " blob(s) written, " + result.blobsPresent() + " already present, "
        + result.manifestsWritten() + " manifest(s) written");
    out.flush();
    return ExitCodes.OK;
  }
}
