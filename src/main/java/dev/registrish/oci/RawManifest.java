package dev.registrish.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest's exact bytes kept next to its parsed view, its digest and its served media type.
 * Bytes are the truth: a manifest is never re-serialized.
 */
public final class RawManifest {
  /** The largest manifest accepted, in bytes: what registries accept (distribution caps manifests at 4 MiB). */
  public static final long MAX_SIZE = 4L << 20;

  private final byte[] bytes;
  private final Digest digest;
  private final ManifestTemplate template;
  private final String mediaType;

  private RawManifest(byte[] bytes, Digest digest, ManifestTemplate template) {
    this.bytes = bytes;
    this.digest = digest;
    this.template = template;
    this.mediaType = MediaType.of(template);
  }

  /** Parses manifest bytes; throws {@link InvalidManifestException} saying why they are not one. */
  public static RawManifest parse(byte[] bytes) throws InvalidManifestException {
    return parse(bytes, Digest.sha256(bytes));
  }

  /**
   * Parses manifest bytes whose digest the caller has already computed: their sha256, or the digest
   * (of any algorithm) they are named by.
   */
  public static RawManifest parse(byte[] bytes, Digest digest) throws InvalidManifestException {
    checkSize(bytes.length);
    ManifestTemplate template;
    try {
      template = Json.MAPPER.readValue(bytes, ManifestTemplate.class);
    } catch (IOException e) {
      throw new InvalidManifestException("not valid JSON: " + jsonProblem(e));
    }
    if (template == null) {
      throw new InvalidManifestException("empty document");
    }
    try {
      RawManifest manifest = new RawManifest(bytes, digest, template);
      manifest.checkReferences();
      return manifest;
    } catch (IllegalArgumentException e) {
      throw new InvalidManifestException(e.getMessage());
    }
  }

  /** Throws when a manifest of {@code size} bytes is above {@link #MAX_SIZE}: check it before reading a file whole. */
  public static void checkSize(long size) throws InvalidManifestException {
    if (size > MAX_SIZE) {
      throw new InvalidManifestException(size + " bytes, more than the " + (MAX_SIZE >> 20)
          + " MiB a manifest may have (registries refuse larger ones)");
    }
  }

  private void checkReferences() {
    for (DescriptorTemplate d : children()) {
      requireDigest(d.digest, "manifests[]");
    }
    for (String blob : blobs()) {
      requireDigest(blob, "blob reference");
    }
    if (template.subject != null) {
      requireDigest(template.subject.digest, "subject");
    }
  }

  private static void requireDigest(String value, String where) {
    if (!Digest.isValid(value)) {
      throw new IllegalArgumentException(where + " has an invalid digest: " + value);
    }
  }

  /** Jackson's reason without its source dump, with the place: "Unexpected end-of-input ... at line 1, column 80". */
  private static String jsonProblem(IOException e) {
    if (!(e instanceof JsonProcessingException j) || j.getOriginalMessage() == null) {
      return firstLine(e.getMessage());
    }
    String reason = firstLine(j.getOriginalMessage()).replaceFirst(" \\(start marker at .*$", "");
    var at = j.getLocation();
    return at == null || at.getLineNr() < 0 ? reason : reason + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  public byte[] bytes() {
    return bytes;
  }

  public Digest digest() {
    return digest;
  }

  public String mediaType() {
    return mediaType;
  }

  public ManifestTemplate template() {
    return template;
  }

  /** Whether this is an index (lists other manifests). */
  public boolean isIndex() {
    return template.manifests != null;
  }

  /** The descriptors of the manifests an index lists (empty for an image manifest). */
  public List<DescriptorTemplate> children() {
    return template.manifests == null ? List.of() : template.manifests;
  }

  /** The digests of the blobs an image manifest references: config and layers (schema1: blobSums). */
  public List<String> blobs() {
    List<String> out = new ArrayList<>();
    if (template.config != null) {
      out.add(template.config.digest);
    }
    if (template.layers != null) {
      template.layers.forEach(l -> out.add(l.digest));
    }
    if (template.fsLayers != null) {
      template.fsLayers.forEach(l -> out.add(l.blobSum));
    }
    return out;
  }
}
