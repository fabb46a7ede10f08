package dev.registrish.testing;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.InvalidManifestException;
import dev.registrish.oci.RawManifest;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pulls every tag the bucket serves, over and over while a publish runs, the way a client would:
 * the tag, then every manifest it leads to, then every blob those list. Records each tag whose
 * manifests or blobs are missing (or whose bytes are not a manifest).
 */
public final class TagChecker implements AutoCloseable {
  private final ObjectStore store;
  private final Thread thread;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicInteger tagsSeen = new AtomicInteger();
  private final AtomicInteger listFailures = new AtomicInteger();
  private volatile boolean running = true;

  /** Starts checking; {@code store} reads the bucket directly (not through a fault proxy) and is closed by {@link #stop}. */
  public TagChecker(ObjectStore store) {
    this.store = store;
    this.thread = new Thread(this::loop, "tag-checker");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        pass();
      } catch (RuntimeException e) {
        violations.add("checker could not read the bucket: " + e.getMessage());
      }
      rounds.incrementAndGet();
    }
  }

  private void pass() {
    List<RemoteObject> listing;
    try {
      listing = store.list("v2/");
    } catch (RuntimeException e) {
      // S3Proxy's nio2 backends may fail a listing that races a write (HTTP 400); the next pass lists again
      listFailures.incrementAndGet();
      return;
    }
    for (RemoteObject o : listing) {
      String key = o.key();
      int m = key.lastIndexOf("/manifests/");
      if (m < 0 || Digest.isValid(key.substring(m + 11))) {
        continue;
      }
      Optional<byte[]> tag = store.get(key);
      if (tag.isPresent()) {
        tagsSeen.incrementAndGet();
        check(key, key.substring(0, m + 1), tag.get(), 0);
      }
    }
  }

  private void check(String tagKey, String base, byte[] bytes, int depth) {
    RawManifest manifest;
    try {
      manifest = RawManifest.parse(bytes);
    } catch (InvalidManifestException e) {
      violations.add(tagKey + ": not a manifest: " + e.getMessage());
      return;
    }
    for (String blob : manifest.blobs()) {
      if (store.head(base + "blobs/" + blob).isEmpty()) {
        violations.add(tagKey + ": blob " + blob + " missing");
      }
    }
    for (DescriptorTemplate child : manifest.children()) {
      Optional<byte[]> c = store.get(base + "manifests/" + child.digest);
      if (c.isEmpty()) {
        violations.add(tagKey + ": manifest " + child.digest + " missing");
      } else if (depth < 4) {
        check(tagKey, base, c.get(), depth + 1);
      }
    }
  }

  /** Full passes over the bucket so far. */
  public int rounds() {
    return rounds.get();
  }

  /** Passes whose listing failed. */
  public int listFailures() {
    return listFailures.get();
  }

  /** Tags read so far (over all rounds). */
  public int tagsSeen() {
    return tagsSeen.get();
  }

  /** Stops after the current pass and returns every violation seen. */
  public List<String> stop() throws InterruptedException {
    running = false;
    thread.join(60_000);
    store.close();
    return new ArrayList<>(violations);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
