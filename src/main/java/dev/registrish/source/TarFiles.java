package dev.registrish.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of a tar archive, read in place (entries are located once, then read by offset).
 * A gzip-compressed archive is first inflated into the scratch folder, within {@link InflationLimit#DEFAULT}.
 */
final class TarFiles implements SourceFiles {
  private static final int MAX_LINKS = 16;
  private final Path tar;
  private final String display;
  private final Map<String, TarEntry> entries;

  private TarFiles(Path tar, String display, Map<String, TarEntry> entries) {
    this.tar = tar;
    this.display = display;
    this.entries = entries;
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
    return new TarFiles(tar, archive.toString(), TarIndex.read(tar, archive.toString()));
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

  private TarEntry resolve(String path) throws ImportException {
    String p = TarIndex.normalise(display, path, "");
    for (int i = 0; i < MAX_LINKS; i++) {
      TarEntry e = entries.get(p);
      if (e == null || (e.type() != TarEntry.Type.SYMLINK && e.type() != TarEntry.Type.HARDLINK)) {
        return e;
      }
      p = e.link();
    }
    throw new ImportException(name(path) + ": too many levels of links");
  }

  private TarEntry file(String path) throws ImportException, IOException {
    TarEntry e = resolve(path);
    if (e == null || e.type() != TarEntry.Type.FILE) {
      throw new java.nio.file.NoSuchFileException(name(path));
    }
    return e;
  }

  @Override
  public boolean isFile(String path) throws ImportException {
    TarEntry e = resolve(path);
    return e != null && e.type() == TarEntry.Type.FILE;
  }

  @Override
  public long size(String path) throws IOException, ImportException {
    return file(path).size();
  }

  @Override
  public InputStream open(String path) throws IOException, ImportException {
    TarEntry e = file(path);
    SeekableByteChannel channel = Files.newByteChannel(tar);
    channel.position(e.offset());
    return new BufferedInputStream(new BoundedInputStream(Channels.newInputStream(channel), e.size()), 1 << 16);
  }

  @Override
  public List<String> list() throws ImportException {
    List<String> out = new java.util.ArrayList<>();
    for (String p : entries.keySet()) {
      if (isFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public void close() {}
}
