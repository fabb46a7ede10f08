package dev.registrish.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Digest;
import dev.registrish.oci.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image layout, as a folder or inside a tar ({@code oci-archive}, or the layout that
 * {@code docker save} embeds since Docker 25): {@code oci-layout}, {@code index.json} whose entries
 * are the images (named by {@code org.opencontainers.image.ref.name}; an unnamed artifact is not one), and
 * {@code blobs/<alg>/<hex>}, which also holds the artifacts of the images ({@link LayoutArtifacts}).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</a>
 */
final class OciLayoutSource extends FileImageSource {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private final String description;
  private final boolean partial;
  private LayoutArtifacts artifacts;

  OciLayoutSource(SourceFiles files, String description, boolean partial) throws IOException, ImportException {
    super(files);
    this.description = description;
    this.partial = partial;
    if (!files.isFile("oci-layout")) {
      throw new ImportException(files.name("oci-layout") + ": missing, so not an OCI image layout");
    }
    if (!files.isFile("index.json")) {
      throw new ImportException(files.name("index.json") + ": missing, so not an OCI image layout");
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public boolean partialIndexes() {
    return partial;
  }

  @Override
  public List<SourceImage> images() throws IOException, ImportException {
    JsonNode index;
    try {
      index = Json.MAPPER.readTree(files.read("index.json"));
    } catch (JsonProcessingException e) {
      throw new ImportException(files.name("index.json") + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
    List<SourceImage> out = new ArrayList<>();
    for (JsonNode entry : index.path("manifests")) {
      String digest = entry.path("digest").asText(null);
      if (!Digest.isValid(digest)) {
        throw new ImportException(files.name("index.json") + ": an entry has an invalid digest: " + digest);
      }
      JsonNode name = entry.path("annotations").path(REF_NAME);
      if (!name.isTextual() && artifacts().isArtifact(Digest.parse(digest))) {
        continue; // an artifact without a name comes with its subject
      }
      out.add(new SourceImage(name.isTextual() ? SourceImage.tagOf(name.asText()) : null, Digest.parse(digest),
          entry.path("size").isIntegralNumber() ? entry.path("size").asLong() : null));
    }
    return out;
  }

  @Override
  public List<Digest> referrers(Digest subject) throws IOException, ImportException {
    return artifacts().of(subject);
  }

  private LayoutArtifacts artifacts() throws IOException, ImportException {
    if (artifacts == null) {
      artifacts = LayoutArtifacts.scan(files);
    }
    return artifacts;
  }

  @Override
  protected String pathOf(Digest digest, boolean manifest) throws IOException, ImportException {
    String path = "blobs/" + digest.algorithm() + "/" + digest.hex();
    return files.isFile(path) ? path : null;
  }
}
