package dev.registrish.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A classic {@code docker save} archive ({@code manifest.json} with {@code Config}, {@code RepoTags},
 * {@code Layers}). It keeps no registry manifest, so one is built: a Docker schema2 manifest over the
 * config (bytes unchanged) and gzip'd layers, each checked against the config's {@code diff_ids}.
 *
 * @see <a href="https://github.com/moby/moby/blob/master/image/spec/v1.2.md">Docker image specification v1.2</a>
 */
final class DockerSaveSource implements ImageSource {
  private final SourceFiles files;
  private final String description;
  private final Path scratch;
  private final Map<Digest, byte[]> documents = new HashMap<>();
  private final Map<Digest, Path> layers = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private List<SourceImage> images;

  DockerSaveSource(SourceFiles files, String description, Path scratch) throws IOException, ImportException {
    this.files = files;
    this.description = description;
    this.scratch = scratch;
    if (!files.isFile("manifest.json")) {
      throw new ImportException(files.name("manifest.json") + ": missing, so not a docker save archive");
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<SourceImage> images() throws IOException, ImportException {
    if (images == null) {
      JsonNode entries = json("manifest.json", files.read("manifest.json"));
      if (!entries.isArray()) {
        throw new ImportException(files.name("manifest.json") + ": not a docker save manifest (expected a JSON array)");
      }
      images = new ArrayList<>();
      for (JsonNode entry : entries) {
        convert(entry);
      }
    }
    return images;
  }

  private void convert(JsonNode entry) throws IOException, ImportException {
    String configPath = text(entry, "Config");
    byte[] config = files.read(configPath);
    Digest configDigest = Digest.sha256(config);
    String named = configPath.replaceFirst(".*/", "").replaceFirst("\\.json$", "");
    if (named.matches("[a-f0-9]{64}") && !named.equals(configDigest.hex())) {
      throw new ImportException(files.name(configPath) + ": content does not match its name (its sha256 is " + configDigest + ")");
    }
    JsonNode diffIds = json(configPath, config).path("rootfs").path("diff_ids");
    JsonNode layerPaths = entry.path("Layers");
    if (diffIds.size() != layerPaths.size()) {
      throw new ImportException(files.name(configPath) + ": lists " + diffIds.size() + " diff_ids, but manifest.json lists "
          + layerPaths.size() + " layers");
    }
    ManifestBuilder manifest = new ManifestBuilder(configDigest, config.length);
    for (int i = 0; i < layerPaths.size(); i++) {
      String diffId = diffIds.get(i).asText();
      if (!Digest.isValid(diffId)) {
        throw new ImportException(files.name(configPath) + ": invalid diff_id " + diffId);
      }
      Path staged = TreeWriter.tempFile(scratch);
      LayerConversion.Blob blob = LayerConversion.convert(files, layerPaths.get(i).asText(), Digest.parse(diffId), staged);
      if (layers.putIfAbsent(blob.digest(), staged) != null) {
        Files.delete(staged);
      }
      manifest.layer(blob.digest(), blob.size());
    }
    byte[] bytes = manifest.bytes();
    Digest digest = Digest.sha256(bytes);
    documents.put(configDigest, config);
    documents.put(digest, bytes);
    List<String> names = new ArrayList<>();
    entry.path("RepoTags").forEach(t -> names.add(SourceImage.tagOf(t.asText())));
    if (names.isEmpty()) {
      names.add(null);
    }
    for (String name : names) {
      images.add(new SourceImage(name, digest, (long) bytes.length));
    }
    notes.add(description + ": a docker save archive keeps no registry manifest; built Docker schema2 manifest "
        + digest + " with gzip'd layers (config " + configDigest + " and layer diff_ids are the source's; "
        + "the manifest digest differs from the one the image had in its registry)");
  }

  private JsonNode json(String path, byte[] bytes) throws IOException, ImportException {
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ImportException(files.name(path) + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  private String text(JsonNode entry, String field) throws ImportException {
    JsonNode v = entry.path(field);
    if (!v.isTextual()) {
      throw new ImportException(files.name("manifest.json") + ": an entry has no " + field);
    }
    return v.asText();
  }

  @Override
  public boolean contains(Digest digest) {
    return documents.containsKey(digest) || layers.containsKey(digest);
  }

  @Override
  public byte[] manifest(Digest digest, Long size) throws ImportException {
    byte[] bytes = documents.get(digest);
    if (bytes == null) {
      throw new ImportException(description + ": manifest " + digest + " is not in the source");
    }
    return bytes;
  }

  @Override
  public void copyBlob(Digest digest, Long size, Path target) throws IOException, ImportException {
    if (documents.containsKey(digest)) {
      Files.write(target, documents.get(digest));
    } else if (layers.containsKey(digest)) {
      Files.move(layers.get(digest), target, StandardCopyOption.REPLACE_EXISTING);
      layers.put(digest, target);
    } else {
      throw new ImportException(description + ": blob " + digest + " is not in the source");
    }
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public void close() throws IOException {
    files.close();
  }
}
