package dev.registrish.source;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the bytes of a Docker schema2 image manifest (fixed field order, so the same input
 * always gives the same digest).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/manifest-v2-2/">Image Manifest V2, Schema 2</a>
 */
final class ManifestBuilder {
  static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
  static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  private final String config;
  private final List<String> layers = new ArrayList<>();

  ManifestBuilder(Digest config, long size) {
    this.config = descriptor(CONFIG_TYPE, config, size);
  }

  void layer(Digest digest, long size) {
    layers.add(descriptor(LAYER_TYPE, digest, size));
  }

  byte[] bytes() {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST + "\",\"config\":" + config
        + ",\"layers\":[" + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  private static String descriptor(String type, Digest digest, long size) {
    return "{\"mediaType\":\"" + type + "\",\"size\":" + size + ",\"digest\":\"" + digest + "\"}";
  }
}
