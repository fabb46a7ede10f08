package dev.registrish.publish;

import dev.registrish.tree.InvalidTreeException;
import java.io.IOException;
import java.util.List;

/**
 * What a publish writes, and where the bytes come from: a local tree's files, or an upstream registry's
 * streams (mirror). Everything else (plan, phases, lock, marker, deletes, reports) is the same engine.
 */
public interface ContentSource {
  /**
   * Keys the bucket is expected to hold (relative to the prefix, sorted), asked for only when the bucket
   * holds more than one listing page: they choose where the listing splits. Empty when not known.
   */
  List<String> expectedKeys();

  /** The objects to publish, knowing what the bucket holds; throws when the source itself is invalid. */
  Desired resolve(BucketView bucket) throws InvalidTreeException, IOException, InterruptedException;
}
