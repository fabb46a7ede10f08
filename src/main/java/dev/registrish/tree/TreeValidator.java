package dev.registrish.tree;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.RegistryKey.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a tree: every manifest's references are present, and (on demand) a blob's bytes match its name. */
public final class TreeValidator {
  private TreeValidator() {}

  /**
   * Problems with references: an index's children and a manifest's config and layers must be in
   * the same repository. A tag whose digest file is absent brings its own bytes, so it counts. An artifact's
   * {@code subject} may be absent (registries accept that too: a signature may come before its image). A tag
   * named as a referrers fallback tag ({@code sha256-<hex>}) must be an OCI index: publish replaces it by the
   * referrers index of that digest.
   */
  static List<String> references(Tree tree) {
    List<String> problems = new ArrayList<>();
    for (RepositoryTree repo : tree.repositories().values()) {
      for (Map.Entry<String, ManifestFile> tag : repo.tags.entrySet()) {
        RawManifest m = tag.getValue().manifest();
        repo.manifests.putIfAbsent(m.digest().toString(), tag.getValue());
        if (RegistryKey.tag(repo.name(), tag.getKey()).kind() == Kind.REFERRERS_TAG && !MediaType.OCI_INDEX.equals(m.mediaType())) {
          problems.add(tag.getValue().path() + ": the tag " + tag.getKey() + " is the referrers fallback tag of a digest and must"
              + " be an OCI image index listing that digest's referrers, not a " + m.mediaType() + "; rename the tag");
        }
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
