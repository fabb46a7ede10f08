package dev.registrish.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The files of a tar archive, read in place: entries are indexed once ({@link TarIndex}), then each file is
 * streamed from its offset, never buffered whole. Links inside the archive are followed up to
 * {@value #MAX_LINKS} deep. A gzip-compressed archive is first inflated into the scratch folder, within
 * {@link InflationLimit#DEFAULT}. Not for concurrent use: the files share one channel.
 */
final class TarFiles implements SourceFiles {
  static final int MAX_LINKS = 16;
  private final TarIndex index;
  private final String display;

  private TarFiles(TarIndex index, String display) {
    this.index = index;
    this.display = display;
  }

  /** Indexes the archive at {@code archive}; {@code scratch} receives an inflated copy when it is gzip'd. */
  static TarFiles open(Path archive, Path scratch) throws IOException, ImportException {
    return open(archive, scratch, InflationLimit.DEFAULT);
  }

  /** As {@link #open(Path, Path)}, inflating a gzip'd archive within {@code limit}. */
  static TarFiles open(Path archive, Path scratch, InflationLimit limit) throws IOException, ImportException {
    Path tar = archive;
    if (isGzip(archive)) {
      tar = Files.createTempFile(scratch, "source-", ".tar");
      try (InputStream in = Files.newInputStream(archive); OutputStream out = Files.newOutputStream(tar)) {
        limit.inflate(in, Files.size(archive), out, archive.toString());
      } catch (IOException | ImportException e) {
        Files.deleteIfExists(tar);
        throw e;
      }
    }
    return new TarFiles(TarIndex.read(new BufferedReadChannel(Files.newByteChannel(tar)), archive.toString()),
        archive.toString());
  }

  /** Whether a file starts with the gzip magic bytes. */
  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  @Override
  public String name(String path) {
    return display + "!" + path;
  }

  private TarArchiveEntry resolve(String path) throws ImportException {
    String p = ArchivePath.normalise(display, path, "");
    for (int i = 0; i < MAX_LINKS; i++) {
      String target = index.links.get(p);
      if (target == null) {
        return index.entries.get(p);
      }
      p = target;
    }
    throw new ImportException(name(path) + ": too many levels of links");
  }

  private static boolean isRegular(TarArchiveEntry e) {
    byte type = e.getLinkFlag();
    return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG;
  }

  private TarArchiveEntry file(String path) throws ImportException, IOException {
    TarArchiveEntry e = resolve(path);
    if (e == null || !isRegular(e)) {
      throw new NoSuchFileException(name(path));
    }
    return e;
  }

  @Override
  public boolean isFile(String path) throws ImportException {
    TarArchiveEntry e = resolve(path);
    return e != null && isRegular(e);
  }

  @Override
  public long size(String path) throws IOException, ImportException {
    return file(path).getRealSize();
  }

  @Override
  public InputStream open(String path) throws IOException, ImportException {
    return index.tar.getInputStream(file(path));
  }

  @Override
  public List<String> list() throws ImportException {
    List<String> out = new ArrayList<>();
    for (String p : index.entries.keySet()) {
      if (isFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    index.tar.close();
  }
}
