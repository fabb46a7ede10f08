package dev.registrish.source;

import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.Names;
import dev.registrish.tree.TreeFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports images from a source into the tree: checks names and the file system, reads and checks
 * every manifest and blob, and those of the images' artifacts ({@link ReferrerGraphs}), then lands them ({@link ImageWriter}). On any failure before landing the
 * tree is left exactly as it was: staged files live in a scratch folder that is removed.
 */
public final class Importer {
  private Importer() {}

  public static ImportResult run(ImportRequest request) throws IOException, ImportException {
    checkNames(request);
    Path root = request.tree();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new ImportException(root + ": not a folder (--tree names the folder that holds v2/)");
    }
    Path created = topmostMissing(root);
    Files.createDirectories(root);
    Path staging = Files.createTempDirectory(root, ".registrish-tmp-import-");
    boolean landed = false;
    try {
      TreeFileSystem.requireColons(staging);
      TreeFileSystem.requireDistinctTags(staging, root.resolve("v2").resolve(request.repository()).resolve("manifests"),
          request.tags());
      try (ImageSource source = ImageSources.open(request.source(), request.format(), staging)) {
        Map<String, SourceImage> chosen = TagSelection.select(source, source.images(), request.tags());
        if (request.tags().isEmpty()) {
          TreeFileSystem.requireDistinctTags(staging, root.resolve("v2").resolve(request.repository()).resolve("manifests"),
              chosen.keySet());
        }
        Map<SourceImage, ImageGraph> graphs = new LinkedHashMap<>();
        Map<String, ImageGraph> tags = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(source.notes());
        for (Map.Entry<String, SourceImage> e : chosen.entrySet()) {
          if (!graphs.containsKey(e.getValue())) {
            ImageGraph g = ImageGraph.read(source, e.getValue(), request.platforms());
            graphs.put(e.getValue(), g);
            notes.addAll(g.notes());
          }
          tags.put(e.getKey(), graphs.get(e.getValue()));
        }
        List<ImageGraph> artifacts = ReferrerGraphs.read(source, graphs.values());
        String imported = ReferrerGraphs.note(request.repository(), artifacts);
        if (imported != null) {
          notes.add(imported);
        }
        ImageWriter writer = new ImageWriter(root, request.repository(), staging);
        writer.stage(source, tags, artifacts);
        landed = true;
        return writer.land(notes);
      }
    } catch (InvalidTreeException e) {
      throw new ImportException(e.getMessage());
    } finally {
      deleteRecursively(staging);
      if (!landed && created != null) {
        deleteRecursively(created);
      }
    }
  }

  private static void checkNames(ImportRequest request) throws ImportException {
    String repo = request.repository();
    if (!Names.isRepository(repo)) {
      String hint = !repo.equals(repo.toLowerCase()) ? "capitals are not allowed; "
          : repo.contains("..") ? "'..' is not allowed; " : "";
      throw new ImportException("--image: invalid repository name '" + repo + "' (" + hint + Names.repositoryRule() + ")");
    }
    for (String tag : request.tags()) {
      if (!Names.isTag(tag)) {
        throw new ImportException("--tag: invalid tag '" + tag + "' (" + Names.tagRule() + ")");
      }
    }
    for (String p : request.platforms()) {
      if (!p.matches("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?")) {
        throw new ImportException("--platform: '" + p + "' is not os/arch[/variant], e.g. linux/arm64 or linux/arm/v7");
      }
    }
  }

  private static Path topmostMissing(Path root) {
    Path missing = null;
    for (Path p = root.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
