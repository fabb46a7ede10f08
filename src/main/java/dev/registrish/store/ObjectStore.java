package dev.registrish.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A bucket seen as keys and bytes: the only view of a store that publishing needs. Knows no tree and no plan. */
public interface ObjectStore extends AutoCloseable {
  /** Every object whose key starts with {@code prefix}, sorted by key. */
  default List<RemoteObject> list(String prefix) {
    return list(prefix, List::of);
  }

  /**
   * Every object whose key starts with {@code prefix}, sorted by key. {@code expectedKeys} (sorted,
   * asked for only when the bucket holds more than one page) are the keys the caller expects to find:
   * they only choose where the listing splits into ranges listed at once.
   */
  List<RemoteObject> list(String prefix, Supplier<List<String>> expectedKeys);

  /** Lists at most one key under {@code prefix}: proves the endpoint answers, the bucket exists and listing is allowed. */
  void probe(String prefix);

  /** Whether a lifecycle rule aborts incomplete multipart uploads; null when the store does not say. */
  Boolean abortsIncompleteUploads();

  /** The object's headers, or empty when it does not exist. */
  Optional<RemoteHead> head(String key);

  /** The object's bytes, or empty when it does not exist (for small objects such as markers). */
  Optional<byte[]> get(String key);

  /** Writes an object with every header given (multipart above the part threshold). */
  void put(Upload upload);

  /** Copies {@code sourceKey} to {@code upload.key()} on the server, replacing headers and metadata with the upload's. */
  void copy(String sourceKey, Upload upload);

  /**
   * A small object (a lock, a marker) with its ETag and times by the store's clock, or empty when
   * the store answers 404. Any other failure throws a {@link StoreException}.
   */
  Optional<StoredBytes> read(String key);

  /**
   * Writes a small object on a condition: the new ETag, or empty when the store refused the write
   * because the condition did not hold (412, 409 for a concurrent conditional write, or 404 for
   * {@code If-Match} on a missing key).
   */
  Optional<Written> put(String key, byte[] bytes, String contentType, Precondition condition);

  /** Deletes keys (missing ones are not an error). */
  void delete(Collection<String> keys);

  /**
   * Aborts unfinished multipart uploads under {@code prefix} started more than {@code olderThanMillis}
   * ago (every one when 0); returns how many.
   */
  int abortStaleUploads(String prefix, long olderThanMillis);

  /**
   * Stops a run's uploads: no further part starts, parts in flight are given a few seconds to end,
   * then the multipart uploads this store started and has not finished are aborted; returns how many.
   */
  int abortOpenUploads();

  /**
   * Whether the store keeps a key ending in {@code /} as a folder (S3Proxy's file backend): the
   * {@code v2/} ping object then cannot be stored, and a listing may not show it.
   */
  boolean folderKeys();

  /** Whether the store keeps Content-Type, Cache-Control and metadata (a folder does not: nothing to check or fix). */
  default boolean keepsHeaders() {
    return true;
  }

  /** Counts of requests made, by operation. */
  RequestCounts counts();

  @Override
  void close();
}
