package dev.registrish.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.Json;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses which entries of an index to import: the platforms asked for ({@code --platform}), or
 * all of them; attestation manifests ({@code unknown/unknown}) follow the platform they describe.
 * Where the choice leaves entries out, a new index is built (its digest differs from the source's).
 */
final class PlatformFilter {
  static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";

  /** The outcome: the index to tag (the source's, or a new one), or a single manifest's descriptor. */
  record Choice(RawManifest index, DescriptorTemplate single, String note) {}

  private PlatformFilter() {}

  static Choice choose(ImageSource source, RawManifest index, List<String> wanted) throws IOException, ImportException {
    List<DescriptorTemplate> all = index.children();
    List<Integer> keep = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      DescriptorTemplate d = all.get(i);
      if (isAttestation(d)) {
        continue;
      }
      if (!wanted.isEmpty() && wanted.stream().noneMatch(w -> matches(w, d.platform))) {
        continue;
      }
      if (!source.contains(Digest.parse(d.digest))) {
        if (!source.partialIndexes() && wanted.isEmpty()) {
          throw new ImportException(source.describe() + ": index " + index.digest() + " lists manifest " + d.digest
              + " (" + d.platform + "), which is not in the source; --platform imports only the platforms named");
        }
        if (!source.partialIndexes()) {
          throw new ImportException(source.describe() + ": manifest " + d.digest + " (" + d.platform + ") is not in the source");
        }
        skipped.add(String.valueOf(d.platform));
        continue;
      }
      keep.add(i);
    }
    for (String w : wanted) {
      if (all.stream().noneMatch(d -> !isAttestation(d) && matches(w, d.platform))) {
        throw new ImportException(source.describe() + ": index " + index.digest() + " has no platform " + w
            + " (it has " + String.join(", ", all.stream().filter(d -> !isAttestation(d)).map(d -> String.valueOf(d.platform)).toList()) + ")");
      }
    }
    if (keep.isEmpty()) {
      List<String> present = new ArrayList<>();
      for (DescriptorTemplate d : all) {
        if (!isAttestation(d) && source.contains(Digest.parse(d.digest))) {
          present.add(String.valueOf(d.platform));
        }
      }
      throw new ImportException(source.describe() + ": index " + index.digest() + " lists " + String.join(", ", skipped)
          + ", but the source leaves it out (platforms present: " + (present.isEmpty() ? "none" : String.join(", ", present)) + ")");
    }
    if (!wanted.isEmpty() && keep.size() == 1) {
      return new Choice(null, all.get(keep.get(0)), null);
    }
    keepAttestations(source, all, keep);
    if (keep.size() == all.size()) {
      return new Choice(index, null, null);
    }
    RawManifest rebuilt = rebuild(index, keep);
    String why = skipped.isEmpty() ? "--platform chose " + String.join(", ", wanted)
        : "the source leaves out " + String.join(", ", skipped);
    return new Choice(rebuilt, null, "index " + index.digest() + ": " + why + "; wrote a new index " + rebuilt.digest()
        + " with the platforms present, so its digest differs from the source's");
  }

  private static void keepAttestations(ImageSource source, List<DescriptorTemplate> all, List<Integer> keep)
      throws IOException, ImportException {
    List<String> kept = keep.stream().map(i -> all.get(i).digest).toList();
    for (int i = 0; i < all.size(); i++) {
      DescriptorTemplate d = all.get(i);
      if (!isAttestation(d)) {
        continue;
      }
      String of = d.annotations == null ? null : d.annotations.get(REFERENCE_DIGEST);
      if ((of == null || kept.contains(of)) && source.contains(Digest.parse(d.digest))) {
        keep.add(i);
      } else if (of != null && kept.contains(of) && !source.partialIndexes()) {
        throw new ImportException(source.describe() + ": attestation manifest " + d.digest + " is not in the source");
      }
    }
    keep.sort(null);
  }

  static boolean isAttestation(DescriptorTemplate d) {
    Map<String, String> a = d.annotations;
    return (d.platform != null && "unknown".equals(d.platform.os) && "unknown".equals(d.platform.architecture))
        || (a != null && "attestation-manifest".equals(a.get("vnd.docker.reference.type")));
  }

  /** Whether {@code os/arch[/variant]} names the platform (no variant given matches every variant). */
  static boolean matches(String wanted, DescriptorTemplate.PlatformTemplate p) {
    if (p == null) {
      return false;
    }
    String[] w = wanted.split("/");
    return w[0].equals(p.os) && w.length > 1 && w[1].equals(p.architecture) && (w.length < 3 || w[2].equals(p.variant));
  }

  /** The index with only the kept entries, every other field as it was. */
  private static RawManifest rebuild(RawManifest index, List<Integer> keep) throws IOException, ImportException {
    ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(index.bytes());
    JsonNode entries = doc.get("manifests");
    ArrayNode kept = Json.MAPPER.createArrayNode();
    keep.forEach(i -> kept.add(entries.get(i)));
    doc.set("manifests", kept);
    try {
      return RawManifest.parse(Json.MAPPER.writeValueAsBytes(doc));
    } catch (InvalidManifestException e) {
      throw new IllegalStateException(e);
    }
  }
}
