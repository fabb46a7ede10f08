package dev.registrish.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import java.util.Map;

/**
 * A content descriptor as it appears in manifests and indexes (unknown fields ignored).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mediaType", "digest", "size", "artifactType"})
public class DescriptorTemplate {
  public String mediaType;
  public String digest;
  public Long size;
  public PlatformTemplate platform;
  public Map<String, String> annotations;
  public String artifactType;

  @JsonSetter("mediaType")
  void setMediaType(String value) {
    mediaType = Json.intern(value);
  }

  /** A platform entry of an index descriptor. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PlatformTemplate {
    public String architecture;
    public String os;
    public String variant;

    @JsonSetter("architecture")
    void setArchitecture(String value) {
      architecture = Json.intern(value);
    }

    @JsonSetter("os")
    void setOs(String value) {
      os = Json.intern(value);
    }

    @JsonSetter("variant")
    void setVariant(String value) {
      variant = Json.intern(value);
    }

    @Override
    public String toString() {
      return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
  }
}
