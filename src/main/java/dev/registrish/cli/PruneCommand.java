package dev.registrish.cli;

import dev.registrish.tree.BlobFile;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.ManifestFile;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreePrune;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish prune}: removes from the tree the manifests and blobs no tag reaches any more. */
@Command(name = "prune", mixinStandardHelpOptions = true,
    description = {"Remove from the tree every manifest and blob that no tag reaches any more (after untag, or a tag "
        + "moved to another image). Kept: what a tag leads to (index entries, config, layers) and artifacts whose subject "
        + "is kept (signatures, SBOMs). A repository without any tag is left whole unless --force.",
        "A publish with --delete then deletes them from the bucket, after its grace period."})
public final class PruneCommand implements Callable<Integer> {
  @Mixin
  TreeOptions tree;

  @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Also empty repositories that have no tag at all (their content may be pulled by digest).")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InvalidTreeException {
    Tree scanned = tree.scan();
    PrintWriter out = spec.commandLine().getOut();
    String done = dryRun ? "would be removed" : "removed";
    int manifests = 0;
    int blobs = 0;
    long bytes = 0;
    for (TreePrune.Unreachable u : TreePrune.find(scanned, force)) {
      String repo = u.repository().name();
      if (u.heldBack()) {
        out.println(repo + ": no tags; " + u.manifests().size() + " manifests and " + u.blobs().size()
            + " blobs kept (prune --force removes them)");
        continue;
      }
      if (!dryRun) {
        TreePrune.remove(scanned, u);
      }
      for (ManifestFile mf : u.fallbackTags()) {
        out.println(repo + ":" + mf.path().getFileName() + " referrers fallback tag " + done + " (its digest is gone)");
      }
      for (ManifestFile mf : u.manifests()) {
        out.println(repo + "@" + mf.manifest().digest() + " manifest " + done);
        manifests++;
      }
      for (BlobFile b : u.blobs()) {
        out.println(repo + "@" + b.digest() + " blob " + done + " (" + b.size() + " bytes)");
        blobs++;
        bytes += b.size();
      }
    }
    out.println(manifests + " manifests and " + blobs + " blobs (" + bytes + " bytes) " + done
        + (dryRun || manifests + blobs == 0 ? "" : "; publish --delete deletes them from the bucket"));
    out.flush();
    return ExitCodes.OK;
  }
}
