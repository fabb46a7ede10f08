package dev.registrish.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * The entries of an uncompressed tar archive by normalised path, as Commons Compress's random-access
 * {@link TarFile} reads their headers (ustar, GNU and pax long names; no data is read). Refuses what is
 * not a tar archive, a truncated or corrupt one (a missing end-of-archive marker included), a path that
 * escapes the archive ({@code ../}, absolute) and a link that leads outside it.
 *
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06">ustar header</a>
 */
final class TarIndex {
  private static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;
  final TarFile tar;
  /** Every entry, the last of a path winning, in archive order. */
  final Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
  /** Where each link entry leads, as a normalised path. */
  final Map<String, String> links = new LinkedHashMap<>();

  private TarIndex(TarFile tar) {
    this.tar = tar;
  }

  /** Indexes the archive open on {@code channel}, which it then owns; {@code display} names it in messages. */
  static TarIndex read(SeekableByteChannel channel, String display) throws IOException, ImportException {
    try {
      requireHeader(channel, display);
      TarIndex index = new TarIndex(parse(channel, display));
      long end = 0;
      for (TarArchiveEntry e : index.tar.getEntries()) {
        if (!e.isCheckSumOK()) {
          throw new ImportException(display + ": corrupt tar archive (the header of '" + e.getName()
              + "' has a wrong checksum)");
        }
        index.add(display, e);
        end = e.getDataOffset() + (e.getSize() + BLOCK - 1) / BLOCK * BLOCK;
      }
      requireEndMarker(channel, end, display);
      return index;
    } catch (IOException | ImportException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static TarFile parse(SeekableByteChannel channel, String display) throws IOException, ImportException {
    channel.position(0);
    try {
      return new TarFile(channel, TarConstants.DEFAULT_BLKSIZE, BLOCK, StandardCharsets.UTF_8.name(), false);
    } catch (IOException | RuntimeException e) {
      if (channel.position() > channel.size()) {
        throw new ImportException(display + ": truncated tar archive (an entry needs more than the "
            + channel.size() + " bytes the file has)");
      }
      throw new ImportException(display + ": corrupt tar archive (" + e.getMessage() + ")");
    }
  }

  private void add(String display, TarArchiveEntry e) throws ImportException {
    String path = ArchivePath.normalise(display, e.getName(), "");
    if (path.isEmpty()) {
      return;
    }
    entries.remove(path);
    entries.put(path, e);
    links.remove(path);
    if (e.isSymbolicLink() || e.isLink()) {
      links.put(path, ArchivePath.target(display, path, e.getLinkName(), e.isSymbolicLink()));
    }
  }

  private static void requireHeader(SeekableByteChannel channel, String display) throws IOException, ImportException {
    byte[] first = block(channel, 0);
    if (first == null) {
      throw new ImportException(display + ": not a tar archive (" + channel.size() + " bytes), nor a source folder");
    }
    if (!isZero(first) && !hasValidChecksum(first)) {
      throw new ImportException(display + ": not a tar archive, nor a source folder");
    }
  }

  private static boolean hasValidChecksum(byte[] header) {
    try {
      return TarUtils.verifyCheckSum(header);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The block after the last entry must be the end-of-archive marker (zeros): without it, the file was cut short. */
  private static void requireEndMarker(SeekableByteChannel channel, long at, String display) throws IOException, ImportException {
    byte[] marker = block(channel, at);
    if (marker == null) {
      throw new ImportException(display + ": truncated tar archive (ends at byte " + channel.size()
          + " without the end-of-archive marker)");
    }
    if (!isZero(marker)) {
      throw new ImportException(display + ": corrupt tar archive (no valid header at byte " + at + ")");
    }
  }

  /** The 512-byte block at {@code position}, or null when the file ends before it does. */
  private static byte[] block(SeekableByteChannel channel, long position) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
    channel.position(position);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return null;
      }
    }
    return buffer.array();
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
