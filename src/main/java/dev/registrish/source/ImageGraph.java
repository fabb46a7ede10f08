package dev.registrish.source;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one image needs, read from a source and checked: its manifests (children before the
 * indexes that list them, the top one last) and its blobs with their sizes.
 */
public final class ImageGraph {
  private final Map<Digest, RawManifest> manifests = new LinkedHashMap<>();
  private final Map<Digest, Long> blobs = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private RawManifest top;

  private ImageGraph() {}

  /** Reads the image whose top manifest is {@code image}, keeping the platforms {@code platforms} names (all when empty). */
  static ImageGraph read(ImageSource source, SourceImage image, List<String> platforms) throws IOException, ImportException {
    ImageGraph graph = new ImageGraph();
    RawManifest root = graph.parse(source, image.digest(), image.size());
    if (root.isIndex()) {
      PlatformFilter.Choice choice = PlatformFilter.choose(source, root, platforms);
      if (choice.single() != null) {
        root = graph.parse(source, Digest.parse(choice.single().digest), choice.single().size);
      } else {
        root = choice.index();
        if (choice.note() != null) {
          graph.notes.add(choice.note());
        }
      }
    } else if (!platforms.isEmpty()) {
      graph.notes.add("manifest " + root.digest() + " is a single image, not an index: --platform does not apply");
    }
    graph.visit(source, root);
    graph.top = root;
    return graph;
  }

  private void visit(ImageSource source, RawManifest manifest) throws IOException, ImportException {
    if (manifests.containsKey(manifest.digest())) {
      return;
    }
    for (DescriptorTemplate child : manifest.children()) {
      Digest d = Digest.parse(child.digest);
      if (!source.contains(d)) {
        throw new ImportException(source.describe() + ": index " + manifest.digest() + " lists manifest " + d
            + ", which is not in the source");
      }
      visit(source, parse(source, d, child.size));
    }
    for (DescriptorTemplate ref : descriptors(manifest)) {
      Digest d = Digest.parse(ref.digest);
      if (!source.contains(d)) {
        throw new ImportException(source.describe() + ": manifest " + manifest.digest() + " references blob " + d
            + ", which is not in the source");
      }
      blobs.putIfAbsent(d, ref.size);
    }
    manifests.put(manifest.digest(), manifest);
  }

  private static List<DescriptorTemplate> descriptors(RawManifest manifest) {
    List<DescriptorTemplate> out = new ArrayList<>();
    var t = manifest.template();
    if (t.config != null) {
      out.add(t.config);
    }
    if (t.layers != null) {
      out.addAll(t.layers);
    }
    if (t.fsLayers != null) {
      for (var l : t.fsLayers) {
        DescriptorTemplate d = new DescriptorTemplate();
        d.digest = l.blobSum;
        out.add(d);
      }
    }
    return out;
  }

  private RawManifest parse(ImageSource source, Digest digest, Long size) throws IOException, ImportException {
    byte[] bytes = source.manifest(digest, size);
    try {
      return RawManifest.parse(bytes);
    } catch (InvalidManifestException e) {
      throw new ImportException(source.describe() + ": manifest " + digest + " is not a manifest: " + e.getMessage());
    }
  }

  /** The manifest tags point to: the source's top manifest, or the index built for the platforms chosen. */
  public RawManifest top() {
    return top;
  }

  /** Manifests by digest, children first. */
  public Map<Digest, RawManifest> manifests() {
    return manifests;
  }

  /** Blobs by digest with the size their descriptor gives (null when it gives none). */
  public Map<Digest, Long> blobs() {
    return blobs;
  }

  /** What was left out or rebuilt. */
  public List<String> notes() {
    return notes;
  }
}
