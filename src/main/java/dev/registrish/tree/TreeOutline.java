package dev.registrish.tree;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys a tree's files will be published at, from their names alone (no file is opened): its blobs,
 * manifests and tags, a referrers document per manifest and a tag list per repository with tags. Only an
 * estimate, ready long before the scan, for choosing where a bucket listing splits; never what is published.
 */
final class TreeOutline {
  private TreeOutline() {}

  /** The estimated keys under {@code root/v2}, sorted; none when the folder cannot be walked. */
  static List<String> keys(Path root) {
    Path v2 = root.resolve("v2");
    if (!Files.isDirectory(v2)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    Set<String> tagged = new HashSet<>();
    keys.add(RegistryKey.ROOT);
    try {
      Files.walkFileTree(v2, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.getFileName().toString().equals(TreeScanner.HOST_DOCUMENTS) && dir.getParent().equals(v2)
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String key = RegistryKey.ROOT + v2.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          int slash = key.lastIndexOf('/');
          String folder = key.substring(0, slash);
          if (folder.endsWith("/blobs")) {
            keys.add(key);
          } else if (folder.endsWith("/manifests")) {
            keys.add(key);
            String repository = folder.substring(0, folder.length() - "/manifests".length());
            if (key.startsWith("sha256:", slash + 1)) {
              keys.add(repository + "/referrers/" + key.substring(slash + 1));
            } else if (tagged.add(repository)) {
              keys.add(repository + "/tags/list");
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    keys.sort(null);
    return keys;
  }
}
