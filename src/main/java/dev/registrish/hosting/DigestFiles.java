package dev.registrish.hosting;

import dev.registrish.tree.ManifestFile;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Static hosts serve files, so every manifest must exist under its digest: writes
 * {@code manifests/<digest>} for each tag whose bytes the tree holds only under the tag's name.
 */
public final class DigestFiles {
  private DigestFiles() {}

  /** Writes the missing digest files; returns the files written. */
  public static List<Path> complete(Tree tree) throws IOException {
    List<Path> written = new ArrayList<>();
    for (RepositoryTree repo : tree.repositories().values()) {
      for (Map.Entry<String, ManifestFile> e : repo.manifests().entrySet()) {
        Path expected = e.getValue().path().resolveSibling(e.getKey());
        if (!e.getValue().path().getFileName().toString().equals(e.getKey())) {
          TreeWriter.write(expected, e.getValue().manifest().bytes());
          written.add(expected);
        }
      }
    }
    return written;
  }
}
