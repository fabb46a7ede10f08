package dev.registrish.tree;

import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Adds, moves and removes tags of a tree. A tag file holds its manifest's bytes; removing a tag
 * keeps the content (its digest file is written first if it was missing) until {@link TreePrune}
 * removes what no tag reaches.
 */
public final class TreeTags {
  private TreeTags() {}

  /** Points {@code newTag} of the same repository at the manifest {@code from} names; returns what changed. */
  public static String tag(Path root, ImageReference from, String newTag) throws IOException, InvalidTreeException {
    if (!Names.isTag(newTag)) {
      throw new InvalidTreeException(List.of("invalid tag '" + newTag + "' (" + Names.tagRule() + ")"));
    }
    Path manifests = manifests(root, from.repository());
    byte[] bytes = read(manifests, from);
    try {
      RawManifest.parse(bytes);
    } catch (InvalidManifestException e) {
      throw new InvalidTreeException(List.of(manifests.resolve(from.reference()) + ": invalid manifest: " + e.getMessage()));
    }
    Path target = manifests.resolve(newTag);
    String name = from.repository() + ":" + newTag + " ";
    Digest digest = Digest.sha256(bytes);
    Path scratch = Files.createTempDirectory(root, ".registrish-tmp-");
    try {
      TreeFileSystem.requireDistinctTags(scratch, manifests, List.of(newTag));
    } finally {
      deleteRecursively(scratch);
    }
    if (Files.isRegularFile(target)) {
      byte[] old = Files.readAllBytes(target);
      if (Arrays.equals(old, bytes)) {
        return name + digest + " unchanged";
      }
      TreeWriter.write(target, bytes);
      return name + Digest.sha256(old).shortForm() + " -> " + digest;
    }
    TreeWriter.write(target, bytes);
    return name + digest + " new";
  }

  /** Removes a tag; its manifest stays in the tree by digest. Returns what changed. */
  public static String untag(Path root, ImageReference ref) throws IOException, InvalidTreeException {
    if (ref.tag() == null) {
      throw new InvalidTreeException(List.of("'" + ref + "' names a digest; untag takes REPOSITORY:TAG"));
    }
    Path manifests = manifests(root, ref.repository());
    byte[] bytes = read(manifests, ref);
    Digest digest = Digest.sha256(bytes);
    Path byDigest = manifests.resolve(digest.toString());
    if (!Files.isRegularFile(byDigest)) {
      TreeWriter.write(byDigest, bytes);
    }
    Files.delete(manifests.resolve(ref.tag()));
    return ref + " " + digest.shortForm() + " removed (its content stays in the tree until registrish prune)";
  }

  private static Path manifests(Path root, String repository) throws InvalidTreeException {
    Path manifests = root.resolve("v2").resolve(repository).resolve("manifests");
    if (!Files.isDirectory(manifests)) {
      throw new InvalidTreeException(List.of(root.resolve("v2").resolve(repository) + ": no such repository in the tree"));
    }
    return manifests;
  }

  private static byte[] read(Path manifests, ImageReference ref) throws IOException, InvalidTreeException {
    Path file = manifests.resolve(ref.reference());
    if (!Files.isRegularFile(file)) {
      try (Stream<Path> files = Files.list(manifests)) {
        List<String> tags = files.map(p -> p.getFileName().toString()).filter(n -> !Digest.isValid(n))
            .filter(Names::isTag).sorted().toList();
        throw new InvalidTreeException(List.of(file + ": no such " + (ref.tag() != null ? "tag" : "manifest")
            + " (tags: " + (tags.isEmpty() ? "none" : String.join(", ", tags)) + ")"));
      }
    }
    try {
      RawManifest.checkSize(Files.size(file));
    } catch (InvalidManifestException e) {
      throw new InvalidTreeException(List.of(file + ": invalid manifest: " + e.getMessage()));
    }
    return Files.readAllBytes(file);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
