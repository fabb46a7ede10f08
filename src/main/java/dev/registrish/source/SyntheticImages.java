package dev.registrish.source;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
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
      List<byte[]> blobs = new ArrayList<>(shared);
      for (int i = 0; i < layers; i++) {
        blobs.add(layer(repo + ":" + tag + ":" + platform + ":" + i, layerBytes));
      }
      List<Layer> written = new ArrayList<>();
      for (byte[] layer : blobs) {
        written.add(new Layer(blob(repo, layer), layer.length, Digest.sha256(gunzipped(layer)), docker
            ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "application/vnd.oci.image.layer.v1.tar+gzip"));
      }
      top = platformManifest(repo, platform, written);
      entries.add("{\"mediaType\":\"" + (docker ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST) + "\",\"digest\":\""
          + Digest.sha256(top) + "\",\"size\":" + top.length + ",\"platform\":" + platformJson(platform) + "}");
    }
    if (platforms.size() > 1) {
      String type = docker ? MediaType.DOCKER_LIST : MediaType.OCI_INDEX;
      top = ("{\"schemaVersion\":2," + mediaTypeField(type) + "\"manifests\":[" + String.join(",", entries) + "]}")
          .getBytes(StandardCharsets.UTF_8);
      manifest(repo, top);
    }
    TreeWriter.write(root.resolve(RegistryKey.tag(repo, tag).path()), top);
    return Digest.sha256(top);
  }

  /** Writes a single-platform image whose layers are already in the repository's blobs, and its tag. Returns the tag's digest. */
  public Digest image(String repo, String tag, String platform, List<Layer> layers) throws IOException {
    byte[] manifest = platformManifest(repo, platform, layers);
    TreeWriter.write(root.resolve(RegistryKey.tag(repo, tag).path()), manifest);
    return Digest.sha256(manifest);
  }

  /**
   * Streams {@code size} seeded random bytes into a blob of {@code repo}, never holding them in memory:
   * an uncompressed layer that is not a tar (for sizing benchmarks, not for running).
   */
  public Layer randomBlob(String repo, long size) throws IOException {
    Path blobs = root.resolve("v2/" + repo + "/blobs");
    Files.createDirectories(blobs);
    Path tmp = TreeWriter.tempFile(blobs);
    try {
      MessageDigest sha = Digest.newHasher("sha256");
      byte[] chunk = new byte[1 << 20];
      try (OutputStream out = Files.newOutputStream(tmp)) {
        for (long left = size; left > 0; left -= chunk.length) {
          int n = (int) Math.min(chunk.length, left);
          random.nextBytes(chunk);
          sha.update(chunk, 0, n);
          out.write(chunk, 0, n);
        }
      }
      Digest digest = new Digest("sha256", HexFormat.of().formatHex(sha.digest()));
      TreeWriter.move(tmp, blobs.resolve(digest.toString()));
      return new Layer(digest, size, digest, "application/vnd.oci.image.layer.v1.tar");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A layer blob in the tree: its digest and size, the diff_id the config lists, and its media type. */
  public record Layer(Digest digest, long size, Digest diffId, String mediaType) {}

  /** Writes a platform's config and manifest (by digest); returns the manifest's bytes. */
  private byte[] platformManifest(String repo, String platform, List<Layer> layers) throws IOException {
    String[] osArch = platform.split("/");
    List<String> layerDescs = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (Layer layer : layers) {
      layerDescs.add(descriptor(layer.mediaType(), layer.digest(), layer.size()));
      diffIds.add("\"" + layer.diffId() + "\"");
    }
    byte[] config = ("{\"architecture\":\"" + osArch[1] + "\",\"os\":\"" + osArch[0] + "\",\"config\":{\"Cmd\":[\"/hello\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
    String configDesc = descriptor(docker ? "application/vnd.docker.container.image.v1+json"
        : "application/vnd.oci.image.config.v1+json", blob(repo, config), config.length);
    String type = docker ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
    byte[] manifest = ("{\"schemaVersion\":2," + mediaTypeField(type) + "\"config\":" + configDesc
        + ",\"layers\":[" + String.join(",", layerDescs) + "]}").getBytes(StandardCharsets.UTF_8);
    manifest(repo, manifest);
    return manifest;
  }

  private static String platformJson(String platform) {
    String[] osArch = platform.split("/");
    return "{\"architecture\":\"" + osArch[1] + "\",\"os\":\"" + osArch[0] + "\"}";
  }

  private String mediaTypeField(String type) {
    return omitMediaType && !docker ? "" : "\"mediaType\":\"" + type + "\",";
  }

  private static String descriptor(String type, Digest digest, long size) {
    return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private Digest blob(String repo, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    TreeWriter.write(root.resolve(RegistryKey.blob(repo, d).path()), bytes);
    return d;
  }

  private Digest manifest(String repo, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    TreeWriter.write(root.resolve(RegistryKey.manifest(repo, d).path()), bytes);
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
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
