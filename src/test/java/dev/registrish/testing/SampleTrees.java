package dev.registrish.testing;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test trees made with {@link SyntheticImages}: multi-arch and single images, OCI and Docker, tags named like files. */
public final class SampleTrees {
  /** The multi-arch OCI image of {@link #hostingScenario}. */
  public static final String MULTI_ARCH = "app:v1.json";

  private SampleTrees() {}

  /**
   * {@code app:v1.json} (OCI index, amd64 + arm64), {@code app:1.0.gz} (Docker manifest),
   * {@code library/tool:latest} (OCI manifest without mediaType) and {@code library/tool:v2}
   * (Docker list). Returns {@code repo:tag} to the tag's digest.
   */
  public static Map<String, Digest> hostingScenario(Path root) throws IOException {
    Map<String, Digest> tags = new TreeMap<>();
    SyntheticImages oci = new SyntheticImages(root, 42);
    tags.put("app:v1.json", oci.image("app", "v1.json", List.of("linux/amd64", "linux/arm64"), 2, List.of()));
    tags.put("app:1.0.gz", new SyntheticImages(root, 43).docker(true).image("app", "1.0.gz", List.of("linux/amd64"), 1, List.of()));
    tags.put("library/tool:latest", new SyntheticImages(root, 44).omitMediaType(true)
        .image("library/tool", "latest", List.of("linux/amd64"), 1, List.of()));
    tags.put("library/tool:v2", new SyntheticImages(root, 45).docker(true)
        .image("library/tool", "v2", List.of("linux/amd64", "linux/arm64"), 1, List.of()));
    return tags;
  }
}
