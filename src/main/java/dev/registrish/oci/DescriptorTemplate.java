package dev.registrish.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A content descriptor as it appears in manifests and indexes (unknown fields ignored).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DescriptorTemplate {
  public String mediaType;
  public String digest;
  public Long size;
  public PlatformTemplate platform;
  public Map<String, String> annotations;
  public String artifactType;

  /** A platform entry of an index descriptor. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PlatformTemplate {
    public String architecture;
    public String os;
    public String variant;

    @Override
    public String toString() {
      return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
  }
}
