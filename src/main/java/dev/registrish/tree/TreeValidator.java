package dev.registrish.tree;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Checks a tree: every manifest's references are present, and (on demand) a blob's bytes match its name. */
public final class TreeValidator {
  private TreeValidator() {}

  /**
   * Problems with references: an index's children and a manifest's config and layers must be in
   * the same repository. A tag whose digest file is absent brings its own bytes, so it counts.
   */
  static List<String> references(Tree tree) {
    List<String> problems = new ArrayList<>();
    for (RepositoryTree repo : tree.repositories().values()) {
      for (ManifestFile tag : repo.tags.values()) {
        repo.manifests.putIfAbsent(tag.manifest().digest().toString(), tag);
      }
      for (ManifestFile mf : repo.manifests.values()) {
        RawManifest m = mf.manifest();
        for (DescriptorTemplate child : m.children()) {
          if (!repo.manifests.containsKey(child.digest)) {
            problems.add(mf.path() + ": lists manifest " + child.digest + ", which is not in " + repo.name() + "/manifests/");
          }
        }
        for (String blob : m.blobs()) {
          if (!repo.blobs.containsKey(blob)) {
            problems.add(mf.path() + ": references blob " + blob + ", which is not in " + repo.name() + "/blobs/");
          }
        }
      }
    }
    return problems;
  }

  /** Hashes a blob file and returns null when it matches its name, or a problem naming the file. */
  public static String checkBlob(BlobFile blob) {
    Digest digest = blob.digest();
    MessageDigest hasher = digest.newHasher();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(blob.path())) {
      for (int r; (r = in.read(buffer)) > 0; ) {
        hasher.update(buffer, 0, r);
      }
    } catch (IOException e) {
      return blob.path() + ": cannot read (" + e.getMessage() + ")";
    }
    return digest.matches(hasher) ? null : blob.path() + ": content does not match its name " + digest;
  }
}
