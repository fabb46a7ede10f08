package dev.registrish.source;

import dev.registrish.oci.Digest;

/**
 * An image a source offers: its top manifest (or index) and the tag the source names it by.
 *
 * @param name the tag the source gives it (OCI {@code org.opencontainers.image.ref.name}, a
 *     {@code docker save} RepoTag's tag), or null
 * @param size the top manifest's size when the source records it, or null
 */
public record SourceImage(String name, Digest digest, Long size) {

  /** The tag part of a reference such as {@code docker.io/library/alpine:3.19} (itself when it has none). */
  static String tagOf(String reference) {
    if (reference == null) {
      return null;
    }
    int colon = reference.lastIndexOf(':');
    return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : reference;
  }
}
