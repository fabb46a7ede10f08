package dev.registrish.source;

import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The artifacts an OCI image layout holds (manifests with a {@code subject}: signatures, SBOMs, attestations), found
 * in {@code blobs/} whether {@code index.json} lists them or not: every file of a manifest's size whose content starts
 * as JSON is read, and kept when it is a manifest that names a subject. Bytes are checked when the artifact is imported.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md#image-manifest-property-descriptions">OCI subject</a>
 */
final class LayoutArtifacts {
  private final Map<String, List<Digest>> bySubject = new HashMap<>();
  private final Set<Digest> artifacts = new HashSet<>();

  private LayoutArtifacts() {}

  static LayoutArtifacts scan(SourceFiles files) throws IOException, ImportException {
    LayoutArtifacts out = new LayoutArtifacts();
    for (String path : files.list()) {
      String[] parts = path.split("/");
      if (parts.length != 3 || !parts[0].equals("blobs") || !Digest.isValid(parts[1] + ":" + parts[2])
          || files.size(path) > SourceFiles.DOCUMENT_LIMIT || !startsAsJson(files, path)) {
        continue;
      }
      Digest digest = Digest.parse(parts[1] + ":" + parts[2]);
      try {
        RawManifest m = RawManifest.parse(files.read(path), digest);
        if (m.template().subject != null) {
          out.bySubject.computeIfAbsent(m.template().subject.digest, s -> new ArrayList<>()).add(digest);
          out.artifacts.add(digest);
        }
      } catch (InvalidManifestException e) {
        // a config or another JSON blob: not a manifest
      }
    }
    out.bySubject.values().forEach(list -> list.sort((a, b) -> a.toString().compareTo(b.toString())));
    return out;
  }

  private static boolean startsAsJson(SourceFiles files, String path) throws IOException, ImportException {
    try (InputStream in = files.open(path)) {
      for (int c; (c = in.read()) >= 0; ) {
        if (!Character.isWhitespace(c)) {
          return c == '{';
        }
      }
      return false;
    }
  }

  /** The artifacts whose subject is {@code subject}, sorted by digest. */
  List<Digest> of(Digest subject) {
    return bySubject.getOrDefault(subject.toString(), List.of());
  }

  /** Whether a digest names an artifact of the layout. */
  boolean isArtifact(Digest digest) {
    return artifacts.contains(digest);
  }
}
