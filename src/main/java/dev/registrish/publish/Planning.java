package dev.registrish.publish;

import dev.registrish.publish.plan.Plan;
import dev.registrish.publish.plan.Planner;
import dev.registrish.publish.run.Parallel;
import dev.registrish.publish.state.MarkerTemplate;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Plans a publish against one listing: adds the catalog, makes the HEADs the planner asks for, then plans. */
final class Planning {
  private final ObjectStore store;
  private final PublishOptions options;
  private final String policy;

  Planning(ObjectStore store, PublishOptions options, String policy) {
    this.store = store;
    this.options = options;
    this.policy = policy;
  }

  Plan plan(Desired want, List<RemoteObject> listing, MarkerTemplate marker, Instant storeTime) throws InterruptedException {
    Predicate<String> scope = Ownership.scope(want, marker, options.forceDelete());
    List<TreeObject> desired = options.catalog()
        ? TreeObjects.withCatalog(want.objects(), options.rules(), catalog(want, listing, scope)) : want.objects();
    boolean drift = store.keepsHeaders() && Planner.checkDrift(marker, policy, options.repair());
    List<String> keys = Planner.keysToHead(desired, listing, drift, store.folderKeys(), marker);
    Map<String, RemoteHead> heads = new ConcurrentHashMap<>();
    Parallel.each(keys, options.concurrency(), "registrish-head",
        key -> store.head(options.prefix() + key).ifPresent(h -> heads.put(key, h)));
    Plan plan = Planner.plan(desired, listing, heads, marker, policy, options.plan(store.folderKeys(), storeTime), scope);
    want.record().accept(plan.marker());
    return plan.withMarkerChanged(!plan.marker().equals(marker));
  }

  /** With --delete: a note naming the repositories the delete leaves alone because another scope owns them, or null. */
  String ownershipNote(Desired want, List<RemoteObject> listing, MarkerTemplate marker) {
    return options.delete() && !options.forceDelete() ? Ownership.note(want, listing, marker) : null;
  }

  /** Repositories for {@code _catalog}: the source's, plus the bucket's that this run does not remove. */
  private List<String> catalog(Desired want, List<RemoteObject> listing, Predicate<String> scope) {
    TreeSet<String> repos = new TreeSet<>(want.repositories());
    for (RemoteObject r : listing) {
      RegistryKey key = RegistryKey.parse(r.key());
      if (key != null && key.kind() == Kind.TAGS_LIST && (!options.delete() || !scope.test(r.key()))) {
        repos.add(key.repository());
      }
    }
    return List.copyOf(repos);
  }
}
