package dev.registrish.mirror;

import dev.registrish.publish.BucketView;
import dev.registrish.publish.ContentSource;
import dev.registrish.publish.Desired;
import dev.registrish.publish.report.PublishReport;
import dev.registrish.publish.run.Parallel;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.upstream.UpstreamClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mirror file as a publish's content: each image's selected tags resolved upstream, what the bucket lacks
 * fetched or streamed, and what it holds kept as it is. An image that fails or is deferred changes nothing in the
 * bucket (its repository is left out of the run's deletes, and its tags wait for all of its writes); the others
 * complete. The marker records which repositories this file owns and how many runs in a row each image failed.
 */
public final class MirrorSource implements ContentSource {
  private final MirrorConfig config;
  private final MirrorOptions options;
  private final UpstreamClient client;
  private final HeaderRules rules;
  private final PullBudget budget = new PullBudget();
  private volatile BucketContents contents;
  private volatile List<ImageResult> results = List.of();

  public MirrorSource(MirrorConfig config, MirrorOptions options, UpstreamClient client, HeaderRules rules) {
    this.config = config;
    this.options = options;
    this.client = client;
    this.rules = rules;
  }

  @Override
  public List<String> expectedKeys() {
    return List.of();
  }

  @Override
  public Desired resolve(BucketView bucket) throws InterruptedException {
    BucketContents seen = new BucketContents(bucket);
    contents = seen;
    ImageResolver resolver = new ImageResolver(client, seen, rules, budget);
    Map<MirrorImage, ImageResult> byImage = new ConcurrentHashMap<>();
    Parallel.each(config.images(), options.concurrency(), "registrish-mirror", image -> {
      ImageResult refused = ownedElsewhere(image, seen);
      byImage.put(image, refused != null ? refused : resolver.resolve(image));
    });
    List<ImageResult> ordered = config.images().stream().map(byImage::get).toList();
    results = ordered;
    List<String> notes = new ArrayList<>();
    Set<String> deletable = DeleteScope.of(ordered, seen, options, notes);
    List<TreeObject> objects = new ArrayList<>();
    objects.add(TreeObjects.ping(rules));
    Set<String> repositories = new TreeSet<>();
    for (ImageResult r : ordered) {
      notes.addAll(r.content().notes);
      if (r.succeeded()) {
        String target = r.image().target();
        repositories.add(target);
        objects.addAll(r.content().objects.values());
        Set<String> listed = new TreeSet<>(r.content().tags.keySet());
        if (!options.delete() || !deletable.contains(target)) {
          listed.addAll(seen.tags(target));
        }
        objects.add(TreeObjects.tagsList(target, listed, rules));
      }
    }
    if (budget.note() != null) {
      notes.add(budget.note());
    }
    Collections.sort(objects);
    return new Desired(objects, repositories, key -> inRepositories(key, deletable), notes, this::record, options.owner());
  }

  /** A failure without any request when another mirror file owns the image's repository (unless --take-over). */
  private ImageResult ownedElsewhere(MirrorImage image, BucketContents bucket) {
    String holder = bucket.marker().owners.get(image.target());
    if (holder == null || holder.equals(options.owner()) || options.takeOver()) {
      return null;
    }
    return ImageResult.failed(image, List.copyOf(image.tags().exact().keySet()), Failures.OWNED_ELSEWHERE,
        image.name() + ": " + Failures.OWNED_ELSEWHERE + ": the repository " + image.target() + " is owned by " + holder
        + " (the bucket marker's owners): mirror it from that file, or run with --take-over to move it to this one");
  }

  private static boolean inRepositories(String key, Set<String> repositories) {
    RegistryKey k = RegistryKey.parse(key);
    return k != null && k.repository() != null && repositories.contains(k.repository());
  }

  /**
   * Keeps in the marker what the next run needs: the manifests of each image, who owns its repository, and the runs in
   * a row it failed (a one-off mirror owns nothing and counts nothing).
   */
  private void record(MarkerTemplate next) {
    Set<String> listed = new TreeSet<>();
    for (ImageResult r : results) {
      String target = r.image().target();
      listed.add(target);
      if (r.succeeded()) {
        next.manifests.keySet().removeIf(k -> k.startsWith(target + "@"));
        next.manifests.putAll(r.content().records);
      }
      if (options.owner() != null) {
        Failures.count(next.failing, r, contents.marker().failing);
        if (!Failures.OWNED_ELSEWHERE.equals(r.reason())) {
          next.owners.put(target, options.owner());
        }
      }
    }
    next.owners.entrySet().removeIf(o -> o.getValue().equals(options.owner()) && !listed.contains(o.getKey())
        && !contents.holds(o.getKey()));
  }

  @Override
  public void partlyWritten(MarkerTemplate reached, Set<String> broken) {
    if (options.owner() == null) {
      return;
    }
    for (ImageResult r : Failures.afterWrites(results, broken, List.of())) {
      Failures.count(reached.failing, r, contents.marker().failing);
    }
  }

  @Override
  public PublishReport report(PublishReport report, Set<String> broken) {
    results = Failures.afterWrites(results, broken, report.failures());
    return MirrorReport.of(report, results, contents.marker().failing, contents);
  }

  /** How each image of the last run went, in the file's order (write failures included once the run has ended). */
  public List<ImageResult> results() {
    return results;
  }
}
