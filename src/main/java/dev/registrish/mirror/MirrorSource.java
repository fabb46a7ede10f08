package dev.registrish.mirror;

import dev.registrish.publish.BucketView;
import dev.registrish.publish.ContentSource;
import dev.registrish.publish.Desired;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mirror file as a publish's content: each image's selected tags resolved upstream, what the bucket lacks
 * fetched or streamed, and what it holds kept as it is. An image that fails changes nothing in the bucket
 * (its repository is left out of the run's deletes); the others complete.
 */
public final class MirrorSource implements ContentSource {
  private final MirrorConfig config;
  private final String owner;
  private final UpstreamClient client;
  private final HeaderRules rules;
  private final int concurrency;
  private volatile List<ImageResult> results = List.of();

  /** {@code owner} names this mirror file in the marker ({@code mirror:<name>}): the repositories it owns. */
  public MirrorSource(MirrorConfig config, String owner, UpstreamClient client, HeaderRules rules, int concurrency) {
    this.config = config;
    this.owner = owner;
    this.client = client;
    this.rules = rules;
    this.concurrency = concurrency;
  }

  @Override
  public List<String> expectedKeys() {
    return List.of();
  }

  @Override
  public Desired resolve(BucketView bucket) throws InterruptedException {
    BucketContents contents = new BucketContents(bucket);
    ImageResolver resolver = new ImageResolver(client, contents, bucket.listing(), rules);
    Map<MirrorImage, ImageResult> byImage = new ConcurrentHashMap<>();
    Parallel.each(config.images(), concurrency, "registrish-mirror", image -> byImage.put(image, resolver.resolve(image)));
    List<ImageResult> ordered = config.images().stream().map(byImage::get).toList();
    results = ordered;
    List<TreeObject> objects = new ArrayList<>();
    objects.add(TreeObjects.ping(rules));
    Set<String> repositories = new TreeSet<>();
    Set<String> deletable = new TreeSet<>();
    List<String> notes = new ArrayList<>();
    for (ImageResult r : ordered) {
      String target = r.image().target();
      if (!r.succeeded()) {
        notes.add("FAILED " + r.message());
        continue;
      }
      repositories.add(target);
      if (r.deletesProven()) {
        deletable.add(target);
      }
      objects.addAll(r.content().objects.values());
      objects.add(TreeObjects.tagsList(target, r.content().tags.keySet(), rules));
      notes.addAll(r.content().notes);
    }
    Collections.sort(objects);
    return new Desired(objects, repositories, key -> inRepositories(key, deletable), notes, this::record);
  }

  private static boolean inRepositories(String key, Set<String> repositories) {
    RegistryKey k = RegistryKey.parse(key);
    return k != null && k.repository() != null && repositories.contains(k.repository());
  }

  /** Keeps in the marker what the next run needs: the manifests of each image, who owns its repository, failures. */
  private void record(MarkerTemplate next) {
    for (ImageResult r : results) {
      String target = r.image().target();
      next.owners.put(target, owner);
      if (!r.succeeded()) {
        next.failing.merge(r.image().name(), 1, Integer::sum);
        continue;
      }
      next.failing.remove(r.image().name());
      next.manifests.keySet().removeIf(k -> k.startsWith(target + "@"));
      next.manifests.putAll(new TreeMap<>(r.content().records));
    }
  }

  /** How each image of the last resolve went, in the file's order. */
  public List<ImageResult> results() {
    return results;
  }
}
