package dev.registrish.mirror;

import dev.registrish.tree.RegistryKey;
import dev.registrish.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failures of a mirror's images: those found while a run wrote (each image's repository, as the run's failed
 * writes name it), and how they count in the marker's runs-in-a-row.
 */
final class Failures {
  /** The image's repository is owned by another mirror file. */
  static final String OWNED_ELSEWHERE = "owned-elsewhere";
  /** A write of the image's repository failed (or was held back) for a reason of the bucket's. */
  static final String WRITE_FAILED = "write-failed";

  private Failures() {}

  /**
   * The results with the images whose repositories had a write fail or held back ({@code broken}) failed: with the
   * reason their blob stream failed for, else {@code write-failed} and the first of the run's {@code failures} there.
   */
  static List<ImageResult> afterWrites(List<ImageResult> results, Set<String> broken, List<String> failures) {
    List<ImageResult> out = new ArrayList<>();
    for (ImageResult r : results) {
      String target = r.image().target();
      if (!r.succeeded() || !broken.contains(target)) {
        out.add(r);
        continue;
      }
      UpstreamException stream = r.content().streamFailure();
      out.add(stream != null ? r.failedWriting(stream.reason().code(), stream.getMessage())
          : r.failedWriting(WRITE_FAILED, r.image().name() + ": " + WRITE_FAILED + ": " + first(target, failures)));
    }
    return out;
  }

  private static String first(String repository, List<String> failures) {
    for (String f : failures) {
      int colon = f.indexOf(": ");
      RegistryKey key = colon < 0 ? null : RegistryKey.parse(f.substring(0, colon));
      if (key != null && repository.equals(key.repository())) {
        return f;
      }
    }
    return "a write of " + repository + " failed or waited for one that failed";
  }

  /**
   * How many runs in a row the image has failed, this one included; null when it did not fail, or failed only because
   * another mirror file owns its repository (that file counts the image's runs).
   */
  static Integer runs(ImageResult r, Map<String, Integer> before) {
    return r.status().equals("failed") && !OWNED_ELSEWHERE.equals(r.reason())
        ? before.getOrDefault(r.image().name(), 0) + 1 : null;
  }

  /**
   * Counts an image's run in {@code failing}: one more when it failed, cleared when it succeeded, as before when
   * deferred or refused for another file's repository.
   */
  static void count(Map<String, Integer> failing, ImageResult r, Map<String, Integer> before) {
    String name = r.image().name();
    if (OWNED_ELSEWHERE.equals(r.reason())) {
      return;
    }
    switch (r.status()) {
      case "failed" -> failing.put(name, runs(r, before));
      case "deferred" -> {
        if (before.containsKey(name)) {
          failing.put(name, before.get(name));
        } else {
          failing.remove(name);
        }
      }
      default -> failing.remove(name);
    }
  }
}
