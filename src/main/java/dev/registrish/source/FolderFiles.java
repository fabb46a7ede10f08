package dev.registrish.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A source folder; a symbolic link that leads outside it is refused, naming the link. */
final class FolderFiles implements SourceFiles {
  private final Path root;
  private final Path realRoot;

  FolderFiles(Path root) throws IOException {
    this.root = root;
    this.realRoot = root.toRealPath();
  }

  @Override
  public String name(String path) {
    return root.resolve(path).toString();
  }

  private Path resolve(String path) throws IOException, ImportException {
    Path p;
    try {
      p = root.resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw new ImportException(root + ": cannot name '" + path + "' on this file system");
    }
    if (!p.startsWith(root.normalize())) {
      throw new ImportException(name(path) + ": path leads outside the source folder");
    }
    if (Files.exists(p)) {
      Path real = p.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new ImportException(p + ": symbolic link leads outside the source folder (to " + real + ")");
      }
    }
    return p;
  }

  @Override
  public boolean isFile(String path) throws IOException, ImportException {
    return Files.isRegularFile(resolve(path));
  }

  @Override
  public long size(String path) throws IOException, ImportException {
    return Files.size(resolve(path));
  }

  @Override
  public InputStream open(String path) throws IOException, ImportException {
    return Files.newInputStream(resolve(path));
  }

  @Override
  public List<String> list() throws IOException, ImportException {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> all = files.filter(p -> !p.equals(root)).toList();
      List<String> out = new ArrayList<>();
      for (Path p : all) {
        String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (Files.isSymbolicLink(p)) {
          resolve(rel);
        }
        if (Files.isRegularFile(p)) {
          out.add(rel);
        }
      }
      return out;
    }
  }

  @Override
  public void close() {}
}
