package dev.registrish.mirror;

import dev.registrish.publish.state.MarkerTemplate.ManifestRecord;
import dev.registrish.tree.TreeObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one mirrored image puts in the bucket: its objects by key (tags, manifests, blobs), the records of its
 * manifests for the marker, the index children left out on purpose (platforms), and the tags with their digests.
 */
final class ImageContent {
  final Map<String, TreeObject> objects = new LinkedHashMap<>();
  final Map<String, ManifestRecord> records = new LinkedHashMap<>();
  final Set<String> leftOut = new LinkedHashSet<>();
  final Map<String, String> tags = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();

  boolean has(String key) {
    return objects.containsKey(key);
  }

  void add(TreeObject o) {
    objects.putIfAbsent(o.path(), o);
  }
}
