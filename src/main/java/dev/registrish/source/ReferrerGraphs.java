package dev.registrish.source;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.Referrers;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The artifacts an import brings along: every manifest of the source whose {@code subject} is an imported manifest
 * (an image, a platform of it, or another artifact), read and checked with what it references. They land untagged.
 */
final class ReferrerGraphs {
  private ReferrerGraphs() {}

  /** The graphs of the artifacts of {@code images}, and of their artifacts in turn. */
  static List<ImageGraph> read(ImageSource source, Collection<ImageGraph> images) throws IOException, ImportException {
    Deque<Digest> subjects = new ArrayDeque<>();
    Set<Digest> imported = new HashSet<>();
    images.forEach(g -> subjects.addAll(g.manifests().keySet()));
    imported.addAll(subjects);
    Map<Digest, ImageGraph> out = new LinkedHashMap<>();
    while (!subjects.isEmpty()) {
      for (Digest artifact : source.referrers(subjects.pop())) {
        if (imported.add(artifact)) {
          ImageGraph g = ImageGraph.read(source, new SourceImage(null, artifact, null), List.of());
          out.put(artifact, g);
          subjects.addAll(g.manifests().keySet());
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  /** A note naming how many referrers came along, by artifact type; null when none did. */
  static String note(String repository, List<ImageGraph> artifacts) {
    if (artifacts.isEmpty()) {
      return null;
    }
    Map<String, Integer> byType = new TreeMap<>();
    for (ImageGraph g : artifacts) {
      RawManifest m = g.top();
      DescriptorTemplate d = Referrers.descriptor(m);
      byType.merge(d.artifactType == null ? m.mediaType() : d.artifactType, 1, Integer::sum);
    }
    List<String> types = new ArrayList<>();
    byType.forEach((type, n) -> types.add(n + " " + type));
    return repository + ": " + artifacts.size() + " referrer(s) imported with their subjects (" + String.join(", ", types)
        + "); registrish ls lists them";
  }
}
