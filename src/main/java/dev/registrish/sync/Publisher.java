package dev.registrish.sync;

import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.ObjectKind;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScan;
import dev.registrish.tree.TreeValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Publishes a tree to a bucket: inventory, listing, plan, validation, then (unless a dry run)
 * phased execution under the bucket lock, and the marker. Decide, then do.
 */
public final class Publisher {
  private final ObjectStore store;
  private final String bucket;
  private final String acl;

  public Publisher(ObjectStore store, String bucket, String acl) {
    this.store = store;
    this.bucket = bucket;
    this.acl = acl;
  }

  public PublishOutcome publish(Tree tree, PublishOptions options, IntConsumer progress)
      throws InvalidTreeException, LockedException, InterruptedException, IOException {
    return publish(TreeScan.of(tree), options, progress);
  }

  /**
   * Publishes a tree that may still be scanning: the marker and the first listing page are fetched
   * meanwhile. A tree that turns out invalid is reported as such, even if the bucket failed too.
   */
  public PublishOutcome publish(TreeScan scan, PublishOptions options, IntConsumer progress)
      throws InvalidTreeException, LockedException, InterruptedException, IOException {
    RepositoryFilter filter = new RepositoryFilter(options.repositories());
    String policy = options.rules().fingerprint() + ";acl=" + acl;
    MarkerTemplate marker;
    List<RemoteObject> listing;
    Desired desired = new Desired(scan, filter, options.rules());
    try {
      marker = Marker.read(store, options.prefix());
      listing = list(options.prefix(), desired::keysOrNone);
    } catch (RuntimeException e) {
      scan.get();
      throw e;
    }
    Tree selected = desired.tree();
    Plan plan = plan(selected, desired.objects(), listing, marker, policy, options, filter);
    List<String> notes = new ArrayList<>();
    if (options.dryRun() || !plan.hasWrites()) {
      validate(plan, null);
      return outcome(plan, marker, null, options, notes);
    }
    Map<String, Boolean> validated = new ConcurrentHashMap<>();
    validate(plan, validated);
    Executor executor = new Executor(store, options.prefix(), options.concurrency());
    try (BucketLock lock = BucketLock.acquire(store, options.prefix(), options.lockTimeout(), options.forceUnlock(), options.now());
        ShutdownGuard guard = ShutdownGuard.install(store, lock, executor)) {
      if (lock.takenOver() != null) {
        notes.add(lock.takenOver());
      }
      // every publish that changes what a tag points to rewrites the marker: an unchanged marker means the plan still holds
      MarkerTemplate locked = Marker.read(store, options.prefix());
      Plan fresh = java.util.Objects.equals(locked, marker) ? plan
          : plan(selected, desired.objects(), list(options.prefix(), desired::keysOrNone), locked, policy, options, filter);
      validate(fresh, validated);
      int aborted = store.abortStaleUploads(options.prefix() + "v2/", options.abortUploadsAfter().toMillis());
      if (aborted > 0) {
        notes.add("aborted " + aborted + " incomplete multipart uploads under the prefix" + (options.abortUploadsAfter().isZero()
            ? "" : " started more than " + human(options.abortUploadsAfter()) + " ago"));
      }
      ExecutionResult result = executor.execute(fresh, progress);
      if (result.failures().isEmpty() && fresh.markerChanged()) {
        Marker.write(store, options.prefix(), fresh.marker());
      }
      return outcome(fresh, marker, result, options, notes);
    }
  }

  private PublishOutcome outcome(Plan plan, MarkerTemplate before, ExecutionResult result, PublishOptions options, List<String> notes) {
    if (before == null && plan.actions().stream().anyMatch(a -> a.remote() != null)) {
      notes.add("bucket not yet marked as published by registrish: headers of every object were checked (take-over)");
    }
    if (plan.deleteLimitExceeded()) {
      notes.add(plan.wantedDeletes() + " deletions exceed --max-delete " + options.maxDelete() + ": nothing was deleted");
    }
    return new PublishOutcome(plan, result, Reports.of(bucket, options.prefix(), plan, before, result, options.dryRun(),
        notes, store.counts().snapshot()));
  }

  /** The bucket's objects under the prefix's {@code v2/}, keys relative to the prefix. */
  private List<RemoteObject> list(String prefix, java.util.function.Supplier<List<String>> expectedKeys) {
    if (prefix.isEmpty()) {
      return store.list("v2/", expectedKeys);
    }
    List<RemoteObject> listing = new ArrayList<>();
    for (RemoteObject r : store.list(prefix + "v2/", () -> expectedKeys.get().stream().map(k -> prefix + k).toList())) {
      listing.add(new RemoteObject(r.key().substring(prefix.length()), r.size(), r.etag()));
    }
    return listing;
  }

  private Plan plan(Tree tree, List<TreeObject> objects, List<RemoteObject> listing, MarkerTemplate marker, String policy,
      PublishOptions options, RepositoryFilter filter) throws InterruptedException {
    String prefix = options.prefix();
    List<TreeObject> desired = options.catalog()
        ? TreeObjects.withCatalog(objects, options.rules(), catalog(tree, listing, options, filter)) : objects;
    boolean drift = Planner.checkDrift(marker, policy, options);
    Map<String, RemoteHead> heads = heads(Planner.keysToHead(desired, listing, drift, options.folderKeys()), prefix, options.concurrency());
    return Planner.plan(desired, listing, heads, marker, policy, options, filter.keys());
  }

  /** Repositories for {@code _catalog}: the tree's, plus the bucket's that this run does not remove. */
  private static List<String> catalog(Tree tree, List<RemoteObject> listing, PublishOptions options, RepositoryFilter filter) {
    TreeSet<String> repos = new TreeSet<>(tree.repositories().keySet());
    for (RemoteObject r : listing) {
      String repo = RemoteKey.parse(r.key()).repository();
      if (repo != null && r.key().endsWith("/tags/list") && (!options.delete() || !filter.matches(repo))) {
        repos.add(repo);
      }
    }
    return new ArrayList<>(repos);
  }

  private Map<String, RemoteHead> heads(List<String> keys, String prefix, int concurrency) throws InterruptedException {
    Map<String, RemoteHead> out = new ConcurrentHashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String key : keys) {
        futures.add(pool.submit(() -> store.head(prefix + key).ifPresent(h -> out.put(key, h))));
      }
      for (Future<?> f : futures) {
        join(f);
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  /** Hashes every blob the plan sends, before the first write; a mismatch stops the run with nothing written. */
  private static void validate(Plan plan, Map<String, Boolean> done) throws InvalidTreeException, InterruptedException {
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (PlannedAction a : plan.actions()) {
        boolean sends = a.action() == Action.UPLOAD || a.action() == Action.REPLACE;
        if (!sends || a.local().kind() != ObjectKind.BLOB || (done != null && done.containsKey(a.key()))) {
          continue;
        }
        futures.add(pool.submit(() -> {
          String problem = TreeValidator.checkBlob(new dev.registrish.tree.BlobFile(a.local().file(), a.local().size(), a.local().digest()));
          if (problem != null) {
            problems.add(problem);
          } else if (done != null) {
            done.put(a.key(), true);
          }
        }));
      }
      for (Future<?> f : futures) {
        join(f);
      }
    } finally {
      pool.shutdownNow();
    }
    if (!problems.isEmpty()) {
      java.util.Collections.sort(problems);
      throw new InvalidTreeException(problems);
    }
  }

  private static void join(Future<?> f) throws InterruptedException {
    try {
      f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  private static String human(java.time.Duration d) {
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
  }
}
