package dev.registrish.source;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.tree.TreeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes deterministic, valid images into a tree (seeded): gzip'd tar layers, a config, a manifest
 * per platform and an index, in OCI or Docker media types. Used by the quick start, tests and benchmarks.
 */
public final class SyntheticImages {
  private final Path root;
  private final Random random;
  private boolean docker;
  private boolean omitMediaType;
  private int layerBytes = 1024;

  public SyntheticImages(Path root, long seed) {
    this.root = root;
    this.random = new Random(seed);
  }

  /** Use Docker schema2 media types instead of OCI. */
  public SyntheticImages docker(boolean value) {
    this.docker = value;
    return this;
  }

  /** Leave out the {@code mediaType} field of OCI documents (valid, and mislabelled by older tools). */
  public SyntheticImages omitMediaType(boolean value) {
    this.omitMediaType = value;
    return this;
  }

  /** Size of the random file in each layer. */
  public SyntheticImages layerBytes(int value) {
    this.layerBytes = value;
    return this;
  }

  /**
   * Writes one image: a manifest per platform (each with {@code layers} layers plus {@code shared}
   * blobs reused as first layers), an index when more than one platform, and the tag. Returns the tag's digest.
   */
  public Digest image(String repo, String tag, List<String> platforms, int layers, List<byte[]> shared) throws IOException {
    List<String> entries = new ArrayList<>();
    byte[] top = null;
    for (String platform : platforms) {
      String[] osArch = platform.split("/");
      List<String> layerDescs = new ArrayList<>();
      List<String> diffIds = new ArrayList<>();
      List<byte[]> blobs = new ArrayList<>(shared);
      for (int i = 0; i < layers; i++) {
        blobs.add(layer(repo + ":" + tag + ":" + platform + ":" + i, layerBytes));
      }
      for (byte[] layer : blobs) {
        layerDescs.add(descriptor(docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
            : "application/vnd.oci.image.layer.v1.tar+gzip", blob(repo, layer), layer.length));
        diffIds.add("\"" + Digest.sha256(gunzipped(layer)) + "\"");
      }
      byte[] config = ("{\"architecture\":\"" + osArch[1] + "\",\"os\":\"" + osArch[0] + "\",\"config\":{\"Cmd\":[\"/hello\"]},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
      String configDesc = descriptor(docker ? "application/vnd.docker.container.image.v1+json"
          : "application/vnd.oci.image.config.v1+json", blob(repo, config), config.length);
      String type = docker ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
      byte[] manifest = ("{\"schemaVersion\":2," + mediaTypeField(type) + "\"config\":" + configDesc
          + ",\"layers\":[" + String.join(",", layerDescs) + "]}").getBytes(StandardCharsets.UTF_8);
      Digest digest = manifest(repo, manifest);
      entries.add("{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.length
          + ",\"platform\":{\"architecture\":\"" + osArch[1] + "\",\"os\":\"" + osArch[0] + "\"}}");
      top = manifest;
    }
    if (platforms.size() > 1) {
      String type = docker ? MediaType.DOCKER_LIST : MediaType.OCI_INDEX;
      top = ("{\"schemaVersion\":2," + mediaTypeField(type) + "\"manifests\":[" + String.join(",", entries) + "]}")
          .getBytes(StandardCharsets.UTF_8);
      manifest(repo, top);
    }
    TreeWriter.write(root.resolve("v2/" + repo + "/manifests/" + tag), top);
    return Digest.sha256(top);
  }

  private String mediaTypeField(String type) {
    return omitMediaType && !docker ? "" : "\"mediaType\":\"" + type + "\",";
  }

  private static String descriptor(String type, Digest digest, long size) {
    return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private Digest blob(String repo, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    TreeWriter.write(root.resolve("v2/" + repo + "/blobs/" + d), bytes);
    return d;
  }

  private Digest manifest(String repo, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    TreeWriter.write(root.resolve("v2/" + repo + "/manifests/" + d), bytes);
    return d;
  }

  /** A gzip'd tar holding one file of {@code size} seeded random bytes, named after {@code label}. */
  public byte[] layer(String label, int size) throws IOException {
    byte[] content = new byte[size];
    random.nextBytes(content);
    String name = "data-" + Integer.toHexString(label.hashCode());
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644\0");
    put(header, 108, "0000000\0");
    put(header, 116, "0000000\0");
    put(header, 124, String.format("%011o\0", size));
    put(header, 136, "00000000000\0");
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    tar.write(header);
    tar.write(content);
    tar.write(new byte[(512 - size % 512) % 512 + 1024]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    }
    byte[] bytes = gz.toByteArray();
    bytes[9] = 3; // gzip OS field: fixed, so output is identical on every platform
    return bytes;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
  }

  private static byte[] gunzipped(byte[] gz) throws IOException {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
