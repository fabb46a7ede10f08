package dev.registrish.source;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lands images in a repository of the tree. First every missing blob is copied from the source into
 * a staging folder and checked against its digest; only then do files land, each atomically:
 * blobs, then manifests (children before indexes), then tags. A blob already present with the
 * right size and a manifest already present with the same bytes are not written again.
 */
final class ImageWriter {
  private final Path blobs;
  private final Path manifests;
  private final Path staging;
  private final String repository;
  private final Map<Digest, Path> staged = new LinkedHashMap<>();
  private final Map<Digest, RawManifest> documents = new LinkedHashMap<>();
  private Map<String, ImageGraph> tags;
  private int present;

  ImageWriter(Path root, String repository, Path staging) {
    Path repo = root.resolve("v2").resolve(repository);
    this.blobs = repo.resolve("blobs");
    this.manifests = repo.resolve("manifests");
    this.staging = staging;
    this.repository = repository;
  }

  /**
   * Copies every blob the tree lacks, of the tagged images and of the {@code untagged} ones (their artifacts), from
   * the source into the staging folder, checking each; writes nothing to the tree.
   */
  void stage(ImageSource source, Map<String, ImageGraph> tags, List<ImageGraph> untagged) throws IOException, ImportException {
    this.tags = tags;
    Map<Digest, Long> wanted = new LinkedHashMap<>();
    List<ImageGraph> all = new ArrayList<>(tags.values());
    all.addAll(untagged);
    for (ImageGraph g : all) {
      g.blobs().forEach(wanted::putIfAbsent);
      g.manifests().forEach(documents::putIfAbsent);
    }
    for (Map.Entry<Digest, Long> blob : wanted.entrySet()) {
      Path target = blobs.resolve(blob.getKey().toString());
      if (Files.isRegularFile(target) && (blob.getValue() == null || Files.size(target) == blob.getValue())) {
        present++;
        continue;
      }
      Path file = staging.resolve("blob-" + blob.getKey().algorithm() + "-" + blob.getKey().hex());
      source.copyBlob(blob.getKey(), blob.getValue(), file);
      staged.put(blob.getKey(), file);
    }
  }

  /** Lands what was staged: blobs, manifests (children first), then tags. */
  ImportResult land(List<String> notes) throws IOException {
    for (Map.Entry<Digest, Path> blob : staged.entrySet()) {
      TreeWriter.move(blob.getValue(), blobs.resolve(blob.getKey().toString()));
    }
    int written = 0;
    for (RawManifest m : documents.values()) {
      if (!sameBytes(manifests.resolve(m.digest().toString()), m.bytes())) {
        TreeWriter.write(manifests.resolve(m.digest().toString()), m.bytes());
        written++;
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, ImageGraph> tag : tags.entrySet()) {
      lines.add(writeTag(tag.getKey(), tag.getValue().top()));
    }
    return new ImportResult(lines, staged.size(), present, written, notes);
  }

  private String writeTag(String tag, RawManifest top) throws IOException {
    Path file = manifests.resolve(tag);
    String name = repository + ":" + tag + " ";
    if (Files.isRegularFile(file)) {
      byte[] old = Files.readAllBytes(file);
      if (Arrays.equals(old, top.bytes())) {
        return name + top.digest() + " unchanged";
      }
      TreeWriter.write(file, top.bytes());
      return name + Digest.sha256(old).shortForm() + " -> " + top.digest();
    }
    TreeWriter.write(file, top.bytes());
    return name + top.digest() + " new";
  }

  private static boolean sameBytes(Path file, byte[] bytes) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
  }
}
