package dev.registrish.mirror;

import dev.registrish.oci.DescriptorTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which children of an index a mirror keeps: every one by default; with {@code platforms:}, those of a
 * chosen platform ({@code os/arch}, or {@code os/arch/variant} exactly), and the attestation manifests of kept ones.
 */
final class Platforms {
  private static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
  private final List<String> chosen;

  Platforms(List<String> chosen) {
    this.chosen = chosen;
  }

  /** Whether every child is kept. */
  boolean any() {
    return chosen.isEmpty();
  }

  /** The label a child is judged by: its platform, or {@code attestation-for <digest>}. */
  static String label(DescriptorTemplate child) {
    Map<String, String> a = child.annotations;
    if (a != null && a.containsKey(REFERENCE_DIGEST)) {
      return "attestation-for " + a.get(REFERENCE_DIGEST);
    }
    return child.platform == null ? "unknown" : child.platform.toString();
  }

  /** Whether a child with {@code label} is kept, {@code kept} holding the digests of the children kept so far. */
  boolean keeps(String label, Set<String> kept) {
    if (chosen.isEmpty()) {
      return true;
    }
    if (label.startsWith("attestation-for ")) {
      return kept.contains(label.substring("attestation-for ".length()));
    }
    for (String p : chosen) {
      if (label.equals(p) || (p.indexOf('/') == p.lastIndexOf('/') && label.startsWith(p + "/"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a layer is foreign / non-distributable (Windows base layers): it keeps its descriptor and is not
   * mirrored, since registries do not serve it.
   */
  static boolean isForeign(DescriptorTemplate d) {
    return d.mediaType != null && (d.mediaType.contains("foreign") || d.mediaType.contains("nondistributable"));
  }
}
