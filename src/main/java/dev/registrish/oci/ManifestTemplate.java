package dev.registrish.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import java.util.List;
import java.util.Map;

/**
 * The parsed view of any manifest or index: OCI, Docker schema2 and list, Docker schema1.
 * Only the fields registrish reads; unknown fields are ignored.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">OCI manifest</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI index</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType"})
public class ManifestTemplate {
  public Integer schemaVersion;
  public String mediaType;
  public String artifactType;
  public DescriptorTemplate config;
  public List<DescriptorTemplate> layers;
  public List<DescriptorTemplate> manifests;
  public DescriptorTemplate subject;
  /** Schema1 only: the layers, as {@code blobSum} entries. */
  public List<FsLayer> fsLayers;
  /** Schema1 only: present when the manifest is signed. */
  public List<Object> signatures;
  public Map<String, String> annotations;

  @JsonSetter("mediaType")
  void setMediaType(String value) {
    mediaType = Json.intern(value);
  }

  /** A schema1 layer reference. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class FsLayer {
    public String blobSum;
  }
}
