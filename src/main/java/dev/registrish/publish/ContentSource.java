package dev.registrish.publish;

import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.tree.InvalidTreeException;
import java.io.IOException;
import java.util.List;
import java.util.Set;

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

  /**
   * Adds what only the source knows to the marker of a run whose writes failed or were held back in {@code broken}
   * repositories, before it is written (a mirror counts those images as failing).
   */
  default void partlyWritten(MarkerTemplate reached, Set<String> broken) {}

  /**
   * The report as the source tells it, knowing the repositories whose writes failed or were held back (a mirror
   * gives each image its status and reason).
   */
  default PublishReport report(PublishReport report, Set<String> broken) {
    return report;
  }
}
