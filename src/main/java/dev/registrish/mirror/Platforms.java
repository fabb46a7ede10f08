package dev.registrish.mirror;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.RawManifest;
import dev.registrish.upstream.UpstreamReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which children of an index a mirror keeps: every one by default; with {@code platforms:}, those of a
 * chosen platform ({@code os/arch}, or {@code os/arch/variant} exactly), and the attestation manifests of kept ones.
 * An index with none of the chosen platforms is a failure of its image.
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
    return chosen.stream().anyMatch(p -> matches(label, p));
  }

  /** The chosen platforms that no child of an index (by their labels) matches. */
  private List<String> missing(Collection<String> labels) {
    return chosen.stream().filter(p -> labels.stream().noneMatch(label -> matches(label, p))).toList();
  }

  /**
   * The children of an index that are kept (attestations after the manifests they are for); those left out go to
   * {@code omitted} (digest to label), and every platform child's label to {@code labels}.
   */
  List<DescriptorTemplate> choose(RawManifest m, Map<String, String> omitted, List<String> labels) {
    List<DescriptorTemplate> kept = new ArrayList<>();
    Set<String> keptDigests = new LinkedHashSet<>();
    for (boolean attestations : new boolean[] {false, true}) {
      for (DescriptorTemplate child : m.children()) {
        String label = label(child);
        if (label.startsWith("attestation-for ") != attestations) {
          continue;
        }
        if (!attestations) {
          labels.add(label);
        }
        if (keeps(label, keptDigests)) {
          kept.add(child);
          keptDigests.add(child.digest);
        } else {
          omitted.put(child.digest, label);
        }
      }
    }
    return kept;
  }

  /**
   * Throws when an index (its platform children's {@code labels}) holds none of the chosen platforms; notes the
   * chosen ones it lacks.
   */
  void check(UpstreamReference ref, List<String> labels, List<String> notes) throws PlatformNotFoundException {
    if (any() || labels.isEmpty()) {
      return;
    }
    List<String> missing = missing(labels);
    if (missing.size() == chosen.size()) {
      throw new PlatformNotFoundException(ref, chosen, new LinkedHashSet<>(labels));
    }
    if (!missing.isEmpty()) {
      notes.add(ref + ": the index has no " + String.join(", ", missing) + "; the other platforms were mirrored");
    }
  }

  /** Whether {@code p} ({@code os/arch}, or {@code os/arch/variant} exactly) chooses a child labelled {@code label}. */
  private static boolean matches(String label, String p) {
    return label.equals(p) || (p.indexOf('/') == p.lastIndexOf('/') && label.startsWith(p + "/"));
  }

  /**
   * Whether a layer is foreign / non-distributable (Windows base layers): it keeps its descriptor and is not
   * mirrored, since registries do not serve it.
   */
  static boolean isForeign(DescriptorTemplate d) {
    return d.mediaType != null && (d.mediaType.contains("foreign") || d.mediaType.contains("nondistributable"));
  }
}
