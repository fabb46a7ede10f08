package dev.registrish.publish.plan;

import dev.registrish.publish.state.MarkerTemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.Content;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  static final HeaderRules RULES = HeaderRules.defaults();
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final String POLICY = RULES.fingerprint() + ";acl=none";
  static final RawManifest TAG_V1 = manifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}");
  static final RawManifest TAG_V2 = manifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[] }");

  static RawManifest manifest(String json) {
    try {
      return RawManifest.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static TreeObject blob(String repo, String content) {
    Digest d = Digest.sha256(content.getBytes());
    return new TreeObject(RegistryKey.blob(repo, d), content.length(), Content.of(content.getBytes()), d, null, RULES.blob(d));
  }

  static TreeObject tag(String repo, String tag, RawManifest m) {
    return new TreeObject(RegistryKey.tag(repo, tag), m.bytes().length, Content.of(m.bytes()), m.digest(), m, RULES.tag(m));
  }

  static RemoteObject remote(TreeObject o) {
    return new RemoteObject(o.path(), o.size(), o.bytes() == null ? "0123456789abcdef0123456789abcdef" : Decisions.md5(o.bytes()));
  }

  /** The same object, with its bytes only in the bucket (as a mirror sees a manifest it published before). */
  static TreeObject inBucket(TreeObject o) {
    return new TreeObject(o.key(), o.size(), Content.IN_BUCKET, o.digest(), null, o.headers());
  }

  /** The manifest-by-digest object a tag without local bytes points to, also only in the bucket. */
  static TreeObject manifestOf(TreeObject tag) {
    return new TreeObject(RegistryKey.manifest(tag.repository(), tag.digest()), tag.size(), Content.IN_BUCKET, tag.digest(),
        null, tag.headers());
  }

  static RemoteObject remote(String key, long size, String etag) {
    return new RemoteObject(key, size, etag);
  }

  static RemoteObject remote(String key, long size) {
    return new RemoteObject(key, size, "0123456789abcdef0123456789abcdef");
  }

  static MarkerTemplate marker() {
    MarkerTemplate m = new MarkerTemplate();
    m.headerPolicy = POLICY;
    return m;
  }

  static PlanOptions options(boolean delete, boolean repair, Duration grace, int maxDelete) {
    return new PlanOptions(delete, repair, grace, maxDelete, 50, false, false, NOW);
  }

  record Case(String name, List<TreeObject> local, List<RemoteObject> remote, Map<String, RemoteHead> heads,
      MarkerTemplate marker, PlanOptions options, Map<String, Action> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final TreeObject A = blob("app", "layer-a");
  static final TreeObject A_IN_OTHER = blob("other", "layer-a");
  static final String UNREF = "v2/app/blobs/" + Digest.sha256("old".getBytes());
  static final PlanOptions PLAIN = options(false, false, Duration.ofHours(1), 1000);
  static final PlanOptions DELETE = options(true, false, Duration.ofHours(1), 1000);
  static final PlanOptions FORCE = new PlanOptions(true, false, Duration.ofHours(1), 1000, 50, true, false, NOW);

  static Stream<Case> cases() {
    TreeObject v1 = tag("app", "v1", TAG_V1);
    TreeObject v1changed = tag("app", "v1", TAG_V2);
    TreeObject v2 = tag("app", "v2", TAG_V2);
    TreeObject t1 = tag("four", "1", TAG_V1);
    TreeObject t2 = tag("four", "2", TAG_V1);
    TreeObject t3 = tag("four", "3", TAG_V1);
    TreeObject t4 = tag("four", "4", TAG_V1);
    TreeObject lazyV1 = inBucket(v1);
    RemoteObject v1ByDigest = remote(RegistryKey.manifest("app", TAG_V1.digest()).path(), TAG_V1.bytes().length,
        Decisions.md5(TAG_V1.bytes()));
    RemoteObject v2ByDigest = remote(RegistryKey.manifest("app", TAG_V2.digest()).path(), TAG_V2.bytes().length,
        Decisions.md5(TAG_V2.bytes()));
    MarkerTemplate seen = marker();
    seen.unreferenced.put(UNREF, NOW.minus(Duration.ofHours(2)).toEpochMilli());
    MarkerTemplate fresh = marker();
    fresh.unreferenced.put(UNREF, NOW.minus(Duration.ofMinutes(5)).toEpochMilli());
    RemoteHead wrongType = new RemoteHead(v1.path(), v1.size(), Decisions.md5(v1.bytes()), "binary/octet-stream",
        v1.headers().cacheControl(), null, Map.of("sha256", v1.digest().toString()));
    RemoteHead sameSha = new RemoteHead(v1.path(), v1.size(), "abc-2", v1.headers().contentType(), v1.headers().cacheControl(),
        null, Map.of("sha256", v1.digest().toString()));
    return Stream.of(
        new Case("missing blob is uploaded", List.of(A), List.of(), Map.of(), marker(), PLAIN, Map.of(A.path(), Action.UPLOAD)),
        new Case("present blob of same size is unchanged", List.of(A), List.of(remote(A)), Map.of(), marker(), PLAIN,
            Map.of(A.path(), Action.UNCHANGED)),
        new Case("blob of another size is corrupt", List.of(A), List.of(remote(A.path(), 3)), Map.of(), marker(), PLAIN,
            Map.of(A.path(), Action.CORRUPT)),
        new Case("corrupt blob is replaced with --repair", List.of(A), List.of(remote(A.path(), 3)), Map.of(), marker(),
            options(false, true, Duration.ofHours(1), 1000), Map.of(A.path(), Action.REPLACE)),
        new Case("blob in another repository is copied", List.of(A_IN_OTHER, A), List.of(remote(A)), Map.of(), marker(), PLAIN,
            Map.of(A.path(), Action.UNCHANGED, A_IN_OTHER.path(), Action.COPY)),
        new Case("blob new in two repositories is sent once", List.of(A, A_IN_OTHER), List.of(), Map.of(), marker(), PLAIN,
            Map.of(A.path(), Action.UPLOAD, A_IN_OTHER.path(), Action.COPY)),
        new Case("tag with the same MD5 is unchanged", List.of(v1), List.of(remote(v1)), Map.of(), marker(), PLAIN,
            Map.of(v1.path(), Action.UNCHANGED)),
        new Case("tag with other bytes is replaced", List.of(v1changed), List.of(remote(v1)), Map.of(), marker(), PLAIN,
            Map.of(v1.path(), Action.REPLACE)),
        new Case("tag with multipart ETag compared by sha256 metadata", List.of(v1),
            List.of(new RemoteObject(v1.path(), v1.size(), "abc-2")), Map.of(v1.path(), sameSha), marker(), PLAIN,
            Map.of(v1.path(), Action.UNCHANGED)),
        new Case("tag whose bytes only the bucket has, same as its manifest's, is unchanged", List.of(manifestOf(lazyV1), lazyV1),
            List.of(v1ByDigest, remote(v1)), Map.of(), marker(), PLAIN,
            Map.of(v1ByDigest.key(), Action.UNCHANGED, v1.path(), Action.UNCHANGED)),
        new Case("tag whose bytes only the bucket has is copied from its manifest", List.of(manifestOf(lazyV1), lazyV1),
            List.of(v1ByDigest), Map.of(), marker(), PLAIN, Map.of(v1ByDigest.key(), Action.UNCHANGED, v1.path(), Action.COPY)),
        new Case("tag moved to a manifest the bucket has is copied from it", List.of(manifestOf(inBucket(v1changed)),
            inBucket(v1changed)), List.of(v2ByDigest, remote(v1)), Map.of(), marker(), PLAIN,
            Map.of(v2ByDigest.key(), Action.UNCHANGED, v1.path(), Action.COPY)),
        new Case("take-over fixes a mislabelled manifest", List.of(v1), List.of(remote(v1)), Map.of(v1.path(), wrongType), null,
            PLAIN, Map.of(v1.path(), Action.FIX_METADATA)),
        new Case("without --delete, extras are kept", List.of(), List.of(remote(v1)), Map.of(), marker(), PLAIN,
            Map.of(v1.path(), Action.EXTRA)),
        new Case("a removed tag is deleted at once", List.of(v2), List.of(remote(v1), remote(v2)), Map.of(), marker(), DELETE,
            Map.of(v1.path(), Action.DELETE, v2.path(), Action.UNCHANGED)),
        new Case("deleting every tag of the scope is refused", List.of(), List.of(remote(v1)), Map.of(), marker(), DELETE,
            Map.of(v1.path(), Action.EXTRA)),
        new Case("deleting every tag is allowed with --force-delete", List.of(), List.of(remote(v1)), Map.of(), marker(),
            FORCE, Map.of(v1.path(), Action.DELETE)),
        new Case("deleting more than the share of the scope's tags is refused", List.of(t1), List.of(remote(t1), remote(t2),
            remote(t3), remote(t4)), Map.of(), marker(), DELETE, Map.of(t1.path(), Action.UNCHANGED, t2.path(), Action.EXTRA,
            t3.path(), Action.EXTRA, t4.path(), Action.EXTRA)),
        new Case("a newly unreferenced blob waits", List.of(), List.of(remote(UNREF, 3)), Map.of(), marker(), DELETE,
            Map.of(UNREF, Action.WAIT)),
        new Case("a blob unreferenced within the grace waits", List.of(), List.of(remote(UNREF, 3)), Map.of(), fresh, DELETE,
            Map.of(UNREF, Action.WAIT)),
        new Case("a blob unreferenced past the grace is deleted", List.of(), List.of(remote(UNREF, 3)), Map.of(), seen, DELETE,
            Map.of(UNREF, Action.DELETE)),
        new Case("grace 0 deletes at once", List.of(), List.of(remote(UNREF, 3)), Map.of(), marker(),
            options(true, false, Duration.ZERO, 1000), Map.of(UNREF, Action.DELETE)),
        new Case("over --max-delete nothing is deleted", List.of(), List.of(remote(v1), remote(UNREF, 3)), Map.of(), seen,
            options(true, false, Duration.ofHours(1), 1), Map.of(v1.path(), Action.EXTRA, UNREF, Action.EXTRA)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plan_decidesEachKey(Case c) {
    List<TreeObject> local = new ArrayList<>(c.local());
    local.sort(null);
    List<RemoteObject> remote = new ArrayList<>(c.remote());
    remote.sort(null);
    Plan plan = Planner.plan(local, remote, c.heads(), c.marker(), POLICY, c.options(), k -> true);
    Map<String, Action> actual = new HashMap<>();
    plan.actions().forEach(a -> actual.put(a.key(), a.action()));
    assertEquals(c.expected(), actual);
  }

  @Test
  void plan_recordsUnreferencedTimeAndForgetsItWhenBack() {
    List<RemoteObject> remote = List.of(remote(UNREF, 3));
    Plan first = Planner.plan(List.of(), remote, Map.of(), marker(), POLICY, DELETE, k -> true);
    assertEquals(NOW.toEpochMilli(), first.marker().unreferenced.get(UNREF));
    assertTrue(first.markerChanged());
    Digest old = Digest.sha256("old".getBytes());
    TreeObject back = new TreeObject(RegistryKey.blob("app", old), 3, Content.of("old".getBytes()), old, null, RULES.blob(old));
    Plan second = Planner.plan(List.of(back), remote, Map.of(), first.marker(), POLICY, DELETE, k -> true);
    assertFalse(second.marker().unreferenced.containsKey(UNREF));
  }

  @Test
  void plan_unchangedTreeChangesNothing() {
    TreeObject v1 = tag("app", "v1", TAG_V1);
    MarkerTemplate m = marker();
    m.tags.put("app:v1", v1.digest().toString());
    Plan plan = Planner.plan(List.of(A, v1), List.of(remote(A), remote(v1)), Map.of(), m, POLICY, DELETE, k -> true);
    assertFalse(plan.hasWrites());
  }

  @Test
  void plan_outOfScopeKeysAreLeftAlone() {
    Plan plan = Planner.plan(List.of(), List.of(remote("v2/other/manifests/v1", 3)), Map.of(), marker(), POLICY, DELETE,
        k -> k.startsWith("v2/app/"));
    assertEquals(List.of(), plan.actions());
  }

  @Test
  void keysToHead_onlyWhenNeeded() {
    TreeObject v1 = tag("app", "v1", TAG_V1);
    RemoteObject multipart = new RemoteObject(v1.path(), v1.size(), "abc-2");
    assertEquals(List.of(), Planner.keysToHead(List.of(A, v1), List.of(remote(A), remote(v1)), false, false, marker()));
    assertEquals(List.of(v1.path()), Planner.keysToHead(List.of(A, v1), List.of(remote(A), multipart), false, false, marker()));
    assertEquals(List.of(A.path(), v1.path()), Planner.keysToHead(List.of(A, v1), List.of(remote(A), remote(v1)), true, false,
        marker()));
  }

  @Test
  void keysToHead_objectsWrittenByAnotherToolAfterTheLastRun() {
    MarkerTemplate m = marker();
    m.writtenUntil = NOW.minus(Duration.ofHours(1)).toString();
    RemoteObject ours = new RemoteObject(A.path(), A.size(), remote(A).etag(), NOW.minus(Duration.ofHours(2)));
    TreeObject v1 = tag("app", "v1", TAG_V1);
    RemoteObject theirs = new RemoteObject(v1.path(), v1.size(), remote(v1).etag(), NOW.minus(Duration.ofMinutes(5)));
    assertEquals(List.of(v1.path()), Planner.keysToHead(List.of(A, v1), List.of(ours, theirs), false, false, m));
    RemoteHead wrongType = new RemoteHead(v1.path(), v1.size(), remote(v1).etag(), "binary/octet-stream",
        v1.headers().cacheControl(), null, Map.of("sha256", v1.digest().toString()));
    Plan plan = Planner.plan(List.of(A, v1), List.of(ours, theirs), Map.of(v1.path(), wrongType), m, POLICY, PLAIN, k -> true);
    assertEquals(Action.FIX_METADATA, plan.actions().stream().filter(a -> a.key().equals(v1.path())).findFirst().orElseThrow()
        .action(), "headers a foreign write left are fixed");
  }
}
