package dev.registrish.source;

import dev.registrish.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A folder written by {@code skopeo copy ... dir:DIR}: {@code manifest.json} (the top manifest),
 * {@code <hex>.manifest.json} per instance of a list, blobs named {@code <hex>} (or
 * {@code <algo>-<hex>}), a {@code version} file, and signature files, which are not blobs and are left out.
 *
 * @see <a href="https://github.com/containers/image/blob/main/directory/directory_dest.go">containers/image dir transport</a>
 */
final class SkopeoDirSource extends FileImageSource {
  static final Pattern SIGNATURE = Pattern.compile("(([a-z0-9]+-)?[a-f0-9]+\\.)?(signature|sigstore)-\\d+");
  private final Path folder;
  private final SourceImage top;

  SkopeoDirSource(Path folder) throws IOException, ImportException {
    super(new FolderFiles(folder));
    this.folder = folder;
    if (!files.isFile("manifest.json")) {
      throw new ImportException(folder + ": no manifest.json, so not a skopeo dir: folder");
    }
    byte[] bytes = files.read("manifest.json");
    this.top = new SourceImage(null, Digest.sha256(bytes), (long) bytes.length);
    List<String> signatures = files.list().stream()
        .filter(p -> SIGNATURE.matcher(p).matches()).sorted().toList();
    if (!signatures.isEmpty()) {
      notes.add(folder + ": left out " + signatures.size() + " signature file(s) (" + String.join(", ", signatures)
          + "): signatures are not blobs, and a static registry has no place for them");
    }
  }

  @Override
  public String describe() {
    return "skopeo dir: folder " + folder;
  }

  @Override
  public List<SourceImage> images() {
    return List.of(top);
  }

  @Override
  protected String pathOf(Digest digest, boolean manifest) throws IOException, ImportException {
    String[] names = manifest
        ? new String[] {digest.hex() + ".manifest.json", digest.algorithm() + "-" + digest.hex() + ".manifest.json"}
        : new String[] {digest.hex(), digest.algorithm() + "-" + digest.hex()};
    for (String name : names) {
      if (files.isFile(name)) {
        return name;
      }
    }
    if (manifest && top.digest().equals(digest)) {
      return "manifest.json";
    }
    return null;
  }
}
