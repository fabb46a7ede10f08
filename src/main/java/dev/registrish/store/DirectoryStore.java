package dev.registrish.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A folder seen as a bucket: keys are paths below it, written atomically (a temporary file, then a rename)
 * with the umask's mode. It keeps no headers, so the publish engine writes a local tree through it as it
 * writes a bucket. Small files (manifests, tags) list with their MD5 as ETag.
 */
public final class DirectoryStore implements ObjectStore {
  private static final long ETAG_LIMIT = 4L << 20;
  private final Path root;
  private final RequestCounts counts = new RequestCounts();

  public DirectoryStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path file(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || key.endsWith("/")) {
      throw new StoreException(key + ": not a key of " + root, 0, null);
    }
    return p;
  }

  @Override
  public List<RemoteObject> list(String prefix, Supplier<List<String>> expectedKeys) {
    counts.add("List");
    Path start = root.resolve(prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/') + 1) : "");
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<RemoteObject> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (Files.isRegularFile(p) && key.startsWith(prefix) && !p.getFileName().toString().startsWith(".registrish-store-")) {
          long size = Files.size(p);
          out.add(new RemoteObject(key, size, size <= ETAG_LIMIT ? hash("MD5", Files.readAllBytes(p)) : null, modified(p)));
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list " + start + " (" + e.getMessage() + ")", 0, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public void probe(String prefix) {
    counts.add("List");
  }

  @Override
  public Boolean abortsIncompleteUploads() {
    return null;
  }

  @Override
  public Optional<RemoteHead> head(String key) {
    counts.add("Head");
    if (key.endsWith("/")) { // a folder key: there when the folder is
      return Files.isDirectory(root.resolve(key)) ? Optional.of(new RemoteHead(key, 0, null, null, null, null, Map.of()))
          : Optional.empty();
    }
    Path p = file(key);
    try {
      long size = Files.size(p);
      Map<String, String> metadata = size <= ETAG_LIMIT ? Map.of("sha256", "sha256:" + hash("SHA-256", Files.readAllBytes(p)))
          : Map.of();
      return Optional.of(new RemoteHead(key, size, null, null, null, null, metadata));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + p + " (" + e.getMessage() + ")", 0, e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    counts.add("Get");
    try {
      return Optional.of(Files.readAllBytes(file(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file(key) + " (" + e.getMessage() + ")", 0, e);
    }
  }

  @Override
  public void put(Upload u) {
    counts.add("Put");
    if (u.key().endsWith("/")) { // a folder key holds no bytes: the folder is made
      try {
        Files.createDirectories(root.resolve(u.key()));
        return;
      } catch (IOException e) {
        throw new StoreException("cannot create " + root.resolve(u.key()) + " (" + e.getMessage() + ")", 0, e);
      }
    }
    Path target = file(u.key());
    try (InputStream in = u.file() != null ? Files.newInputStream(u.file())
        : u.bytes() != null ? new ByteArrayInputStream(u.bytes()) : u.stream().open()) {
      write(target, SentBytes.counted(u.sent(), in));
    } catch (IOException e) {
      throw new StoreException("write of " + target + " failed: " + e.getMessage(), 0, e);
    }
  }

  /** Writes a temporary file beside {@code target}, then renames it into place. */
  private void write(Path target, InputStream in) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(".registrish-store-" + UUID.randomUUID());
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
        in.transferTo(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void copy(String sourceKey, Upload u) {
    counts.add("Copy");
    try (InputStream in = Files.newInputStream(file(sourceKey))) {
      write(file(u.key()), in);
    } catch (IOException e) {
      throw new StoreException("copy of " + sourceKey + " to " + u.key() + " failed: " + e.getMessage(), 0, e);
    }
  }

  @Override
  public Optional<StoredBytes> read(String key) {
    Optional<byte[]> bytes = get(key);
    return bytes.map(b -> new StoredBytes(b, hash("MD5", b), modified(file(key)), Instant.now()));
  }

  /**
   * Writes on a condition, atomically for every process on this machine: the check and the rename happen
   * under an exclusive lock on a file in the folder.
   */
  @Override
  public synchronized Optional<Written> put(String key, byte[] bytes, String contentType, Precondition condition) {
    counts.add("Put");
    Path target = file(key);
    try {
      Files.createDirectories(root);
      try (FileChannel lock = FileChannel.open(root.resolve(".registrish-store-lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock held = lock.lock()) {
        boolean exists = Files.isRegularFile(target);
        if (condition.ifNoneMatch() != null && exists
            || condition.ifMatch() != null && (!exists || !hash("MD5", Files.readAllBytes(target)).equals(condition.ifMatch()))) {
          return Optional.empty();
        }
        write(target, new ByteArrayInputStream(bytes));
        return Optional.of(new Written(hash("MD5", bytes), Instant.now()));
      }
    } catch (IOException e) {
      throw new StoreException("write of " + target + " failed: " + e.getMessage(), 0, e);
    }
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void delete(Collection<String> keys) {
    for (String key : keys) {
      counts.add("Delete");
      try {
        Files.deleteIfExists(file(key));
      } catch (IOException e) {
        throw new StoreException("cannot delete " + file(key) + " (" + e.getMessage() + ")", 0, e);
      }
    }
  }

  @Override
  public int abortStaleUploads(String prefix, long olderThanMillis) {
    return 0;
  }

  @Override
  public int abortOpenUploads() {
    return 0;
  }

  @Override
  public boolean folderKeys() {
    return true;
  }

  @Override
  public boolean keepsHeaders() {
    return false;
  }

  @Override
  public RequestCounts counts() {
    return counts;
  }

  @Override
  public void close() {}

  private static String hash(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
