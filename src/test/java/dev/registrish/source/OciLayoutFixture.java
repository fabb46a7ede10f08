package dev.registrish.source;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Writes an OCI image layout holding one SyntheticImages image, named by {@code org.opencontainers.image.ref.name}. */
final class OciLayoutFixture {
  private OciLayoutFixture() {}

  /**
   * The layout at {@code layout}; returns the digest index.json names. The image is first written
   * as a tree in a scratch folder beside the layout, inside the caller's temporary folder.
   */
  static Digest write(Path layout, String refName, List<String> platforms, boolean docker, long seed) throws Exception {
    Path scratch = Files.createTempDirectory(layout.getParent(), "synthetic-");
    Digest top = new SyntheticImages(scratch, seed).docker(docker).image("app", refName, platforms, 2, List.of());
    Path repo = scratch.resolve("v2/app");
    for (String kind : List.of("blobs", "manifests")) {
      try (Stream<Path> files = Files.list(repo.resolve(kind))) {
        for (Path f : files.filter(p -> p.getFileName().toString().startsWith("sha256:")).toList()) {
          TreeWriter.write(layout.resolve("blobs/sha256/" + f.getFileName().toString().substring(7)), Files.readAllBytes(f));
        }
      }
    }
    byte[] bytes = Files.readAllBytes(repo.resolve("manifests/" + refName));
    RawManifest m = RawManifest.parse(bytes);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.write(layout.resolve("index.json"), ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"manifests\":[{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + top + "\",\"size\":" + bytes.length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + refName + "\"}}]}").getBytes(StandardCharsets.UTF_8));
    return top;
  }
}
