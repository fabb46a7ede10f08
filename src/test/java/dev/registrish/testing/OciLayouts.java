package dev.registrish.testing;

import dev.registrish.oci.MediaType;
import dev.registrish.tree.BlobFile;
import dev.registrish.tree.ManifestFile;
import dev.registrish.tree.RepositoryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes one repository of a tree as an OCI image layout, so real tools (skopeo) can read it. */
public final class OciLayouts {
  private OciLayouts() {}

  public static void write(RepositoryTree repo, String tag, Path layout) throws IOException {
    Path blobs = layout.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    for (BlobFile b : repo.blobs().values()) {
      Files.copy(b.path(), blobs.resolve(b.digest().hex()), StandardCopyOption.REPLACE_EXISTING);
    }
    for (ManifestFile m : repo.manifests().values()) {
      Files.write(blobs.resolve(m.manifest().digest().hex()), m.manifest().bytes());
    }
    var top = repo.tags().get(tag).manifest();
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    // containers/image only looks up OCI-typed descriptors by name; the bytes keep their own type
    String type = MediaType.isIndex(top.mediaType()) ? MediaType.OCI_INDEX
        : MediaType.OCI_MANIFEST;
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + type
        + "\",\"digest\":\"" + top.digest() + "\",\"size\":" + top.bytes().length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
  }
}
