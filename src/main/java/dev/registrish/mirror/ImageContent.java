package dev.registrish.mirror;

import dev.registrish.publish.state.MarkerTemplate.ManifestRecord;
import dev.registrish.tree.TreeObject;
import dev.registrish.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one mirrored image puts in the bucket: its objects by key (tags, manifests, blobs), the records of its
 * manifests for the marker, the index children left out on purpose (platforms), the tags with their digests, the
 * pinned tags whose upstream moved, and the first failure of a blob streamed while the run wrote.
 */
final class ImageContent {
  final Map<String, TreeObject> objects = new LinkedHashMap<>();
  final Map<String, ManifestRecord> records = new LinkedHashMap<>();
  final Set<String> leftOut = new LinkedHashSet<>();
  final Map<String, String> tags = new LinkedHashMap<>();
  /** Pinned tag to the digest upstream's tag names now, when that is not the pin. */
  final Map<String, String> moved = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  private final AtomicReference<UpstreamException> streamFailure = new AtomicReference<>();

  boolean has(String key) {
    return objects.containsKey(key);
  }

  void add(TreeObject o) {
    objects.putIfAbsent(o.path(), o);
  }

  /** Records why a blob stream of this image failed while it was written (the first failure wins). */
  void streamFailed(UpstreamException e) {
    streamFailure.compareAndSet(null, e);
  }

  /** Why a blob stream of this image failed while it was written, or null. */
  UpstreamException streamFailure() {
    return streamFailure.get();
  }
}
