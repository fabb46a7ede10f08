package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a folder holding {@code v2/} into a {@link Tree}: every file is a blob, a manifest, a
 * tag, or skipped by a documented rule; anything else is a problem naming the file.
 * Manifests are read and parsed; blobs are only measured (hashing is {@link TreeValidator}'s job).
 */
public final class TreeScanner {
  /** Files other tools or registrish itself write into a tree, and OS or editor litter. */
  private static final Set<String> SKIPPED_NAMES = Set.of(
      ".htaccess", "_headers", "_redirects", ".DS_Store", "Thumbs.db", "desktop.ini", "error.json");

  /**
   * {@code v2/_registrish/}: documents generated for static hosts (ping, error bodies). No repository
   * name can start with '_', so it never clashes with one.
   */
  public static final String HOST_DOCUMENTS = "_registrish";

  private TreeScanner() {}

  /** Scans {@code root/v2}; throws when the tree has problems, listing them all. */
  public static Tree scan(Path root) throws InvalidTreeException, IOException {
    Path v2 = root.resolve("v2");
    if (!Files.isDirectory(v2)) {
      throw new InvalidTreeException(List.of(root + ": no v2/ folder here (use --tree to name the folder that holds v2/)"));
    }
    Path realRoot = root.toRealPath();
    SortedMap<String, RepositoryTree> repos = new TreeMap<>();
    List<Path> skipped = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<Digest, RawManifest> parsed = new HashMap<>(); // a tag is a copy of a manifest: parsed and held once
    Files.walkFileTree(v2, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (Files.isSymbolicLink(dir) && !dir.toRealPath().startsWith(realRoot)) {
          problems.add(dir + ": symbolic link leads outside the tree (" + dir.toRealPath() + ")");
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (dir.equals(v2.resolve(HOST_DOCUMENTS))) {
          skipped.add(dir);
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        try {
          visit(v2, realRoot, file, attrs, repos, skipped, problems, parsed);
        } catch (IOException e) {
          problems.add(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        problems.add(file + ": cannot read (" + (e instanceof AccessDeniedException ? "permission denied"
            : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")");
        return FileVisitResult.CONTINUE;
      }
    });
    Tree tree = new Tree(root, repos, skipped);
    problems.addAll(TreeValidator.references(tree));
    if (!problems.isEmpty()) {
      throw new InvalidTreeException(problems);
    }
    return tree;
  }

  /**
   * Whether a file is one the scanner passes over (generated files, litter, temporaries). Never a valid tag
   * or digest in a {@code manifests/} folder: every tag that {@code tag} and {@code import} accept is published.
   */
  public static boolean isSkipped(String name, boolean inManifests) {
    if (inManifests && (Names.isTag(name) || Digest.isValid(name))) {
      return false;
    }
    return SKIPPED_NAMES.contains(name) || name.startsWith("._") || name.startsWith(".registrish-tmp")
        || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".tmp");
  }

  private static void visit(Path v2, Path realRoot, Path file, BasicFileAttributes attrs,
      SortedMap<String, RepositoryTree> repos, List<Path> skipped, List<String> problems, Map<Digest, RawManifest> parsed)
      throws IOException {
    String name = file.getFileName().toString();
    if (isSkipped(name, file.getParent().getFileName().toString().equals("manifests"))) {
      skipped.add(file);
      return;
    }
    if (Files.isSymbolicLink(file) && !Files.exists(file)) {
      problems.add(file + ": symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist");
      return;
    }
    if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(realRoot)) {
      problems.add(file + ": symbolic link leads outside the tree (" + file.toRealPath() + ")");
      return;
    }
    if (!attrs.isRegularFile()) {
      problems.add(file + ": not a regular file");
      return;
    }
    Path rel = v2.relativize(file);
    int n = rel.getNameCount();
    if (n == 1 && name.equals("_catalog")) {
      skipped.add(file);
      return;
    }
    if (n >= 3 && name.equals("list") && rel.getName(n - 2).toString().equals("tags")) {
      skipped.add(file); // derived, regenerated from the tags
      return;
    }
    if (n >= 3 && rel.getName(n - 2).toString().equals("referrers")) {
      skipped.add(file); // derived, regenerated from the manifests (gen writes them for static hosts)
      return;
    }
    String kind = n >= 3 ? rel.getName(n - 2).toString() : "";
    if (!kind.equals("blobs") && !kind.equals("manifests")) {
      problems.add(file + ": not a blob, manifest or tag (expected v2/<repository>/blobs/<digest> or v2/<repository>/manifests/<digest or tag>)");
      return;
    }
    String repo = rel.subpath(0, n - 2).toString().replace(file.getFileSystem().getSeparator(), "/");
    if (!Names.isRepository(repo)) {
      problems.add(file + ": invalid repository name '" + repo + "' (" + Names.repositoryRule() + ")");
      return;
    }
    RepositoryTree repository = repos.computeIfAbsent(repo, RepositoryTree::new);
    if (!Files.isReadable(file)) {
      problems.add(file + ": cannot read (permission denied)");
      return;
    }
    if (kind.equals("blobs")) {
      if (!Digest.isValid(name)) {
        problems.add(file + ": a blob must be named by its digest (sha256:<64 hex>)");
        return;
      }
      repository.blobs.put(name, new BlobFile(file, attrs.size(), Digest.parse(name)));
      return;
    }
    boolean byDigest = Digest.isValid(name);
    if (!byDigest && !Names.isTag(name)) {
      problems.add(file + ": '" + name + "' is neither a digest nor a valid tag (" + Names.tagRule() + ")");
      return;
    }
    RawManifest manifest;
    try {
      RawManifest.checkSize(attrs.size());
      manifest = parse(Files.readAllBytes(file), byDigest ? Digest.parse(name) : null, parsed);
    } catch (InvalidManifestException e) {
      problems.add(file + ": invalid manifest: " + e.getMessage());
      return;
    }
    if (byDigest && !manifest.digest().toString().equals(name)) {
      problems.add(file + ": content does not match its name (its " + manifest.digest().algorithm() + " is " + manifest.digest() + ")");
      return;
    }
    (byDigest ? repository.manifests : repository.tags).put(name, new ManifestFile(file, manifest));
  }

  /**
   * Parses a manifest file's bytes, digested by the algorithm of the digest it is {@code named} by (sha256 for
   * a tag); a tag and its digest file share one parsed copy.
   */
  private static RawManifest parse(byte[] bytes, Digest named, Map<Digest, RawManifest> parsed) throws InvalidManifestException {
    Digest digest = Digest.of(named == null ? "sha256" : named.algorithm(), bytes);
    RawManifest manifest = parsed.get(digest);
    if (manifest == null) {
      manifest = RawManifest.parse(bytes, digest);
      parsed.put(digest, manifest);
    }
    return manifest;
  }
}
