package dev.registrish.mirror;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.publish.state.MarkerTemplate.ManifestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The marker's record of a mirrored manifest: its media type, the digests it references, the children left out. */
final class Records {
  private Records() {}

  static String key(String repository, Digest digest) {
    return repository + "@" + digest;
  }

  /** An index's kept children and those left out (digest to platform), or an image's config and layers. */
  static ManifestRecord of(RawManifest m, List<String> keptChildren, Map<String, String> omitted) {
    List<String> refs = new ArrayList<>(keptChildren);
    refs.addAll(m.blobs());
    return new ManifestRecord(m.mediaType(), refs, omitted);
  }
}
