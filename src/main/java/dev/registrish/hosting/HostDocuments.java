package dev.registrish.hosting;

import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeScanner;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a static host needs besides blobs and manifests, written into the tree: each repository's
 * {@code tags/list}, and under {@code v2/_registrish/} the {@code /v2/} ping body and the JSON
 * error bodies. The scanner skips all of them, so publish never uploads them.
 */
public final class HostDocuments {
  /** Where the ping body is, relative to {@code v2/}. */
  public static final String PING = TreeScanner.HOST_DOCUMENTS + "/ping.json";

  private HostDocuments() {}

  /** The error body file for {@code error}, relative to {@code v2/}. */
  public static String errorFile(RegistryErrors error) {
    return TreeScanner.HOST_DOCUMENTS + "/errors/" + error.name() + ".json";
  }

  /** Writes the documents (only files whose bytes differ); returns every file that is now in place. */
  public static List<Path> write(Path root, List<TreeObject> objects) throws IOException {
    List<Path> out = new ArrayList<>();
    Path v2 = root.resolve("v2");
    for (TreeObject o : objects) {
      if (o.kind() == Kind.PING) {
        out.add(put(v2.resolve(PING), o.bytes()));
      } else if (o.kind() == Kind.TAGS_LIST || o.kind() == Kind.CATALOG) {
        out.add(put(root.resolve(o.path()), o.bytes()));
      }
    }
    for (RegistryErrors error : RegistryErrors.values()) {
      out.add(put(v2.resolve(errorFile(error)), error.bytes()));
    }
    return out;
  }

  /** Writes {@code bytes} atomically unless the file already holds them. */
  static Path put(Path file, byte[] bytes) throws IOException {
    if (!java.nio.file.Files.isRegularFile(file) || !java.util.Arrays.equals(java.nio.file.Files.readAllBytes(file), bytes)) {
      TreeWriter.write(file, bytes);
    }
    return file;
  }
}
