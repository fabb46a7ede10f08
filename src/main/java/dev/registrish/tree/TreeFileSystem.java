package dev.registrish.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the tree's file system can hold: file names with ':' ({@code sha256:<hex>}), and whether it
 * folds case (then two tags differing only by case would be one file). Probed with files in a
 * scratch folder that the caller removes.
 */
public final class TreeFileSystem {
  private TreeFileSystem() {}

  /** Throws when the file system cannot hold digest file names; {@code scratch} is an empty folder on it. */
  public static void requireColons(Path scratch) throws InvalidTreeException {
    try {
      Path probe = scratch.resolve("sha256:probe");
      Files.createFile(probe);
      Files.delete(probe);
    } catch (InvalidPathException | IOException e) {
      throw new InvalidTreeException(List.of(scratch.getParent() + ": this file system cannot hold ':' in file names, "
          + "which the tree needs (v2/<repository>/blobs/sha256:<hex>); keep the tree on a Linux or macOS file system"));
    }
  }

  /** Whether the file system folds case, probed in {@code scratch}. */
  public static boolean foldsCase(Path scratch) throws IOException {
    Path probe = scratch.resolve("case-Probe");
    Files.createFile(probe);
    try {
      return Files.exists(scratch.resolve("CASE-PROBE"));
    } finally {
      Files.delete(probe);
    }
  }

  /**
   * Throws when, on a case-folding file system, a new tag and another tag of the repository (existing
   * or new) differ only by case, since one file would overwrite the other.
   */
  public static void requireDistinctTags(Path scratch, Path manifests, Collection<String> newTags) throws IOException, InvalidTreeException {
    List<String> names = new ArrayList<>(newTags);
    if (Files.isDirectory(manifests)) {
      try (var files = Files.list(manifests)) {
        files.map(p -> p.getFileName().toString()).filter(Names::isTag).forEach(names::add);
      }
    }
    List<String> clashes = new ArrayList<>();
    for (String tag : newTags) {
      names.stream().filter(n -> n.equalsIgnoreCase(tag) && !n.equals(tag)).findFirst()
          .ifPresent(n -> clashes.add("'" + tag + "' and '" + n + "'"));
    }
    if (!clashes.isEmpty() && foldsCase(scratch)) {
      throw new InvalidTreeException(List.of(manifests + ": tags " + String.join(", ", clashes)
          + " differ only by case, and this file system folds case, so one would overwrite the other; choose another tag"));
    }
  }
}
