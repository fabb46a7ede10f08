package dev.registrish.source;

import dev.registrish.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A source whose manifests and blobs are files named by their digest; subclasses say which file holds a digest. */
abstract class FileImageSource implements ImageSource {
  protected final SourceFiles files;
  protected final List<String> notes = new ArrayList<>();

  FileImageSource(SourceFiles files) {
    this.files = files;
  }

  /** The file that holds content for a digest (as a manifest when {@code manifest}), or null when absent. */
  protected abstract String pathOf(Digest digest, boolean manifest) throws IOException, ImportException;

  @Override
  public boolean contains(Digest digest) throws IOException, ImportException {
    return pathOf(digest, true) != null || pathOf(digest, false) != null;
  }

  @Override
  public byte[] manifest(Digest digest, Long size) throws IOException, ImportException {
    String path = pathOf(digest, true);
    if (path == null) {
      throw new ImportException(describe() + ": manifest " + digest + " is not in the source");
    }
    return DigestCheckedReads.read(files, path, digest, size);
  }

  @Override
  public void copyBlob(Digest digest, Long size, Path target) throws IOException, ImportException {
    String path = pathOf(digest, false);
    if (path == null) {
      throw new ImportException(describe() + ": blob " + digest + " is not in the source");
    }
    DigestCheckedReads.copy(files, path, digest, size, target);
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public void close() throws IOException {
    files.close();
  }
}
