package dev.registrish.hosting;

import dev.registrish.oci.Digest;
import dev.registrish.tree.Referrers;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeScanner;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Files a static host needs besides blobs and manifests, written into the tree: each repository's
 * {@code tags/list} and referrers documents that list something ({@code referrers/<digest>}; those of other files
 * are removed), and under {@code v2/_registrish/} the {@code /v2/} ping body, the empty referrers index and the
 * JSON error bodies. The scanner skips all of them, so publish never uploads them.
 */
public final class HostDocuments {
  /** Where the ping body is, relative to {@code v2/}. */
  public static final String PING = TreeScanner.HOST_DOCUMENTS + "/ping.json";
  /** Where the empty referrers index is, relative to {@code v2/}: the answer for a manifest without referrers. */
  public static final String EMPTY_REFERRERS = TreeScanner.HOST_DOCUMENTS + "/referrers-empty.json";

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
    out.addAll(writeReferrers(root, objects));
    return out;
  }

  /**
   * Writes the referrers documents that list something and the empty index, which every static host serves from
   * files (nginx too), and removes the documents of earlier runs that are no longer current; returns the files in place.
   */
  public static List<Path> writeReferrers(Path root, List<TreeObject> objects) throws IOException {
    List<Path> out = new ArrayList<>();
    Set<String> repositories = new TreeSet<>();
    for (TreeObject o : objects) {
      if (ReferrersFiles.written(o)) {
        out.add(put(root.resolve(o.path()), o.bytes()));
      }
      if (o.repository() != null) {
        repositories.add(o.repository());
      }
    }
    out.add(put(root.resolve("v2").resolve(EMPTY_REFERRERS), Referrers.document(List.of()).bytes()));
    for (String repo : repositories) {
      removeStale(root.resolve("v2").resolve(repo).resolve("referrers"), out);
    }
    return out;
  }

  /** Removes the referrers documents of a folder that are not among {@code current}: their manifests are gone, or list nothing now. */
  private static void removeStale(Path folder, List<Path> current) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> Digest.isValid(p.getFileName().toString())).toList()) {
        if (!current.contains(f)) {
          Files.delete(f);
        }
      }
    }
  }

  /** Writes {@code bytes} atomically unless the file already holds them. */
  static Path put(Path file, byte[] bytes) throws IOException {
    if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
      TreeWriter.write(file, bytes);
    }
    return file;
  }
}
