package dev.registrish.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Json;
import dev.registrish.publish.state.BucketLock;
import dev.registrish.publish.state.LockHolder;
import dev.registrish.publish.state.LockOptions;
import dev.registrish.publish.state.LockTemplate;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.Precondition;
import dev.registrish.store.StoredBytes;
import dev.registrish.testing.Cli;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket lock: two publishes at once, live, dead and stale holders, ages by the store's clock,
 * take-over races, a lock lost mid-run, renewal, read errors, lost answers, --lock-wait, a store that
 * ignores conditional writes, and a plan made stale by another run.
 */
class PublishLockTest {
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();
  static final String LOCK = "registrish.lock.json";

  @TempDir
  Path tree;
  String bucket;

  @BeforeEach
  void bucket() throws Exception {
    bucket = s3.newBucket("lock");
    new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 3, List.of());
  }

  Cli.Run publish(String endpoint, String... extra) {
    return S3ProxyFixture.publish(endpoint, bucket, tree, extra);
  }

  CompletableFuture<Cli.Run> publishAsync(String endpoint, String... extra) {
    return CompletableFuture.supplyAsync(() -> publish(endpoint, extra));
  }

  /** Leaves a lock as another publish would: {@code holder} edited by the caller. */
  void lockHeldBy(LockTemplate holder) throws Exception {
    byte[] body = Json.MAPPER.writeValueAsBytes(holder);
    try (ObjectStore store = s3.objectStore(bucket)) {
      assertTrue(store.put(LOCK, body, "application/json", Precondition.absent()).isPresent());
    }
  }

  /** The lock object as stored, or null. */
  StoredBytes stored() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return store.read(LOCK).orElse(null);
    }
  }

  LockTemplate lock() throws Exception {
    StoredBytes b = stored();
    return b == null ? null : Json.MAPPER.readValue(b.bytes(), LockTemplate.class);
  }

  /** Another run's lock, taken as that run would: with --force-unlock when needed. */
  BucketLock takeLock(ObjectStore store, boolean force) throws Exception {
    return BucketLock.acquire(store, "", new LockOptions(Duration.ofHours(1), Duration.ZERO, force, true), Instant.now(), why -> {});
  }

  static LockTemplate otherHost(String started) {
    LockTemplate other = new LockTemplate();
    other.host = "build-7";
    other.pid = 42;
    other.owner = "build-7 pid 42";
    other.token = "token-of-build-7";
    other.started = started;
    return other;
  }

  static boolean isLockRequest(FaultProxy.Request r) {
    return r.path().endsWith("/" + LOCK);
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void await(CyclicBarrier barrier) {
    try {
      barrier.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the other party never came: go on
    }
  }

  static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
    for (int i = 0; i < 300 && !condition.get(); i++) {
      Thread.sleep(100);
    }
  }

  @Test
  void publish_twoAtOnce_oneProceedsTheOtherExits4() throws Exception {
    try (FaultProxy slow = new FaultProxy(s3.proxy.getPort())) {
      // each write takes a while, so that the second publish asks for the lock while the first holds it
      slow.rule(r -> r.method().equals("PUT") && r.path().contains("/blobs/") ? new FaultProxy.Delay(Duration.ofMillis(300)) : null);
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Cli.Run>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(CompletableFuture.supplyAsync(() -> {
          await(go);
          return publish(slow.uri().toString(), "--concurrency", "1");
        }));
      }
      go.countDown();
      List<Cli.Run> done = runs.stream().map(CompletableFuture::join).toList();
      List<Integer> exits = done.stream().map(Cli.Run::exit).sorted().toList();
      assertEquals(List.of(0, 4), exits, done.toString());
      Cli.Run loser = done.stream().filter(r -> r.exit() == 4).findFirst().orElseThrow();
      assertTrue(loser.err().contains("bucket is locked by") && loser.err().contains("another publish is running"), loser.err());
      assertFalse(loser.err().contains("\tat "), "no stack trace");
    }
    assertTrue(lock().released(), "the winner released the lock");
  }

  @Test
  void publish_lockOfLiveProcessOnThisHost_exits4NamingTheHolder() throws Exception {
    LockTemplate me = LockHolder.current(Instant.now());
    lockHeldBy(me);
    Cli.Run run = publish(s3.uri().toString());
    assertEquals(4, run.exit(), run.toString());
    assertTrue(run.err().contains("bucket is locked by " + me.owner) && run.err().contains("--force-unlock"), run.err());
    assertEquals(me.token, lock().token, "another's lock is left alone");
    assertFalse(lock().released());
  }

  @Test
  void publish_lockOfDeadProcessOnThisHost_isTakenOverAtOnce() throws Exception {
    LockTemplate dead = deadHolder();
    lockHeldBy(dead);
    Cli.Run run = publish(s3.uri().toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("note: took over the lock of " + dead.owner) && run.out().contains("no longer running"), run.out());
    assertTrue(lock().released());
  }

  static LockTemplate deadHolder() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    LockTemplate dead = LockHolder.current(Instant.now());
    dead.pid = gone.pid();
    dead.processStart = null;
    dead.owner = dead.host + " pid " + dead.pid;
    return dead;
  }

  @Test
  void publish_lockFromAnotherPidNamespace_isNotJudgedDead() throws Exception {
    LockTemplate other = LockHolder.current(Instant.now());
    other.pid = Integer.MAX_VALUE;
    other.pidNamespace = "pid:[1]";
    lockHeldBy(other);
    assertEquals(4, publish(s3.uri().toString()).exit(), "a container sharing the host name may still run it");
  }

  @Test
  void publish_lockFromAnotherHost_isTakenOverOnceStaleByTheStoreClock() throws Exception {
    // that host's clock runs three hours ahead: what it wrote as its start time says nothing of the lock's age
    lockHeldBy(otherHost(Instant.now().plus(Duration.ofHours(3)).toString()));
    Cli.Run fresh = publish(s3.uri().toString());
    assertEquals(4, fresh.exit(), fresh.toString());
    assertTrue(fresh.err().contains("build-7 pid 42") && fresh.err().contains("--lock-timeout 60 min"), fresh.err());

    waitUntil(() -> {
      try {
        return stored().age().compareTo(Duration.ofSeconds(2)) > 0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Cli.Run stale = publish(s3.uri().toString(), "--lock-timeout", "2s");
    assertEquals(0, stale.exit(), stale.toString());
    assertTrue(stale.out().contains("note: took over the stale lock of build-7 pid 42"), stale.out());
    assertTrue(lock().released());
    assertNotEquals("token-of-build-7", lock().token);
  }

  @Test
  void publish_storeClockHoursOffFromThisMachine_judgesTheLockByTheStoreClock() throws Exception {
    // the holder's clock agrees with the store's; both are three hours behind this machine's
    lockHeldBy(otherHost(Instant.now().minus(Duration.ofHours(3)).toString()));
    try (FaultProxy behind = new FaultProxy(s3.proxy.getPort())) {
      behind.rule(r -> new FaultProxy.ShiftClock(Duration.ofHours(-3)));
      Cli.Run run = publish(behind.uri().toString());
      assertEquals(4, run.exit(), "a lock written a moment ago by the store's clock is fresh: " + run);
      assertTrue(run.err().matches("(?s).*last written \\d+ s ago by the store's clock.*"), run.err());
    }
    assertEquals("token-of-build-7", lock().token);
  }

  @Test
  void publish_forceUnlock_takesAnyLock() throws Exception {
    lockHeldBy(LockHolder.current(Instant.now()));
    Cli.Run run = publish(s3.uri().toString(), "--force-unlock");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("note: --force-unlock: took the lock of"), run.out());
    assertTrue(lock().released());
  }

  @Test
  void dryRun_ignoresTheLock() throws Exception {
    lockHeldBy(LockHolder.current(Instant.now()));
    s3.store.reset();
    Cli.Run run = publish(s3.uri().toString(), "--dry-run");
    assertEquals(0, run.exit(), run.toString());
    assertEquals(0, s3.store.writes(), "a dry run neither takes nor needs the lock");
  }

  @Test
  void publish_twoRacersTakeOverADeadLock_exactlyOneWins() throws Exception {
    lockHeldBy(deadHolder());
    try (FaultProxy racing = new FaultProxy(s3.proxy.getPort())) {
      CyclicBarrier bothRead = new CyclicBarrier(2);
      CyclicBarrier bothWrite = new CyclicBarrier(2);
      AtomicInteger reads = new AtomicInteger();
      AtomicInteger writes = new AtomicInteger();
      AtomicBoolean written = new AtomicBoolean();
      racing.rule(r -> {
        if (!isLockRequest(r)) {
          return null;
        }
        if (r.method().equals("GET") && reads.incrementAndGet() <= 2) {
          await(bothRead); // both runs have seen the dead holder's lock
        } else if (r.method().equals("PUT") && r.headers().containsKey("if-match") && writes.incrementAndGet() <= 2) {
          await(bothWrite); // both take-overs are in flight at once
        } else if (r.method().equals("DELETE") && writes.incrementAndGet() == 2) {
          // a take-over by delete and create: the second delete comes once the first run has created its lock
          waitUntilQuietly(written::get);
        } else if (r.method().equals("PUT")) {
          written.set(true);
        }
        return null;
      });
      List<CompletableFuture<Cli.Run>> runs = List.of(publishAsync(racing.uri().toString()), publishAsync(racing.uri().toString()));
      List<Cli.Run> done = runs.stream().map(CompletableFuture::join).toList();
      assertEquals(List.of(0, 4), done.stream().map(Cli.Run::exit).sorted().toList(), done.toString());
      Cli.Run loser = done.stream().filter(r -> r.exit() == 4).findFirst().orElseThrow();
      assertTrue(loser.err().contains("bucket is locked by"), loser.err());
    }
  }

  static void waitUntilQuietly(Supplier<Boolean> condition) {
    try {
      waitUntil(condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    settle();
  }

  /** Lets an answer already sent reach the publish, and what it does next happen. */
  static void settle() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void publish_lockReadAnswers500_failsWithoutTakingOver() throws Exception {
    LockTemplate holder = LockHolder.current(Instant.now());
    lockHeldBy(holder);
    try (FaultProxy failing = new FaultProxy(s3.proxy.getPort())) {
      failing.rule(r -> isLockRequest(r) && r.method().equals("GET") ? FaultProxy.INTERNAL_ERROR : null);
      Cli.Run run = publish(failing.uri().toString());
      assertEquals(1, run.exit(), run.toString());
      assertTrue(run.err().contains("cannot read the bucket's lock " + LOCK) && run.err().contains("HTTP 500"), run.err());
      assertFalse(run.err().contains("\tat "), "no stack trace");
    }
    assertEquals(holder.token, lock().token, "the lock is left to its holder");
    assertTrue(s3.keys(bucket).stream().noneMatch(k -> k.startsWith("v2/")), "nothing published: " + s3.keys(bucket));
  }

  @Test
  void publish_answerToItsLockWriteLost_stillHoldsItsLock() throws Exception {
    try (FaultProxy losing = new FaultProxy(s3.proxy.getPort())) {
      AtomicBoolean dropped = new AtomicBoolean();
      losing.rule(r -> isLockRequest(r) && r.method().equals("PUT") && !dropped.getAndSet(true) ? new FaultProxy.DropResponse() : null);
      Cli.Run run = publish(losing.uri().toString());
      assertEquals(0, run.exit(), run.toString());
      assertEquals(1, losing.injected().size(), losing.injected().toString());
    }
    assertTrue(lock().released(), "the run released the lock it held");
  }

  @Test
  void publish_lockWait_proceedsOnceTheHolderReleases() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket); BucketLock holder = takeLock(store, false);
        FaultProxy watching = new FaultProxy(s3.proxy.getPort())) {
      CountDownLatch looked = new CountDownLatch(2);
      watching.rule(r -> {
        if (isLockRequest(r) && r.method().equals("GET")) {
          looked.countDown();
        }
        return null;
      });
      CompletableFuture<Cli.Run> waiting = publishAsync(watching.uri().toString(), "--lock-wait", "2m");
      assertTrue(looked.await(60, TimeUnit.SECONDS), "the waiting publish looks at the lock again");
      holder.close();
      Cli.Run run = waiting.get(120, TimeUnit.SECONDS);
      assertEquals(0, run.exit(), run.toString());
    }
    assertTrue(lock().released());
  }

  @Test
  void publish_lockWaitRunsOut_exits4() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket); BucketLock holder = takeLock(store, false)) {
      Cli.Run run = publish(s3.uri().toString(), "--lock-wait", "2s");
      assertEquals(4, run.exit(), run.toString());
      assertTrue(run.err().contains("after waiting 2 s"), run.err());
    }
  }

  /**
   * A publish (lock timeout 3 s, so renewed every second) whose first blob upload is held while the
   * test takes its lock over, as another run with --force-unlock would, and until the publish has tried
   * to renew it, been refused, and read the lock to see who holds it now.
   *
   * @param afterwards the writes the publish sent once it knew
   * @param holder the lock as the publish left it
   */
  record TakenOver(Cli.Run run, List<String> afterwards, LockTemplate holder) {}

  TakenOver publishWhoseLockIsTakenOver() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch takenOver = new CountDownLatch(1);
    CountDownLatch knows = new CountDownLatch(1);
    AtomicBoolean renewalRefused = new AtomicBoolean();
    AtomicInteger readsSince = new AtomicInteger();
    List<String> afterwards = new CopyOnWriteArrayList<>();
    try (ObjectStore store = s3.objectStore(bucket); FaultProxy proxy = new FaultProxy(s3.proxy.getPort())) {
      AtomicBoolean held = new AtomicBoolean();
      proxy.rule(r -> {
        if (knows.getCount() == 0 && r.isWrite()) {
          afterwards.add(r.method() + " " + r.path());
        } else if (takenOver.getCount() == 0 && isLockRequest(r) && r.method().equals("PUT")) {
          renewalRefused.set(true);
        } else if (renewalRefused.get() && isLockRequest(r) && r.method().equals("GET") && readsSince.incrementAndGet() == 2) {
          knows.countDown(); // the refused write read back, then the lock read to name its new holder
        } else if (r.method().equals("PUT") && r.path().contains("/blobs/") && !held.getAndSet(true)) {
          writing.countDown();
          await(knows);
          settle();
        }
        return null;
      });
      CompletableFuture<Cli.Run> run = publishAsync(proxy.uri().toString(), "--concurrency", "1", "--lock-timeout", "3s");
      assertTrue(writing.await(60, TimeUnit.SECONDS), "the publish started uploading");
      try (BucketLock other = takeLock(store, true)) {
        takenOver.countDown();
        Cli.Run done = run.get(120, TimeUnit.SECONDS);
        return new TakenOver(done, afterwards, lock());
      }
    }
  }

  @Test
  void publish_lockTakenOverMidRun_stopsBeforeItsNextWrite() throws Exception {
    TakenOver t = publishWhoseLockIsTakenOver();
    assertEquals(1, t.run().exit(), t.run().toString());
    assertTrue(t.run().err().contains("lost the bucket's lock " + LOCK) && t.run().err().contains("now held by"), t.run().err());
    assertEquals(List.of(), t.afterwards(), "no write once the publish knew its lock was taken over");
    assertTrue(s3.keys(bucket).stream().noneMatch(k -> k.contains("/manifests/")), "no manifest, no tag: " + s3.keys(bucket));
  }

  @Test
  void publish_lockTakenOverMidRun_leavesTheNewHoldersLock() throws Exception {
    TakenOver t = publishWhoseLockIsTakenOver();
    assertEquals(1, t.run().exit(), t.run().toString());
    assertFalse(t.holder().released(), "the new holder's lock is still held when the old run has ended");
    assertTrue(t.run().err().contains("now held by " + t.holder().owner), t.run().err());
  }

  @Test
  void publish_runLongerThanLockTimeout_renewsItsLock() throws Exception {
    try (FaultProxy proxy = new FaultProxy(s3.proxy.getPort())) {
      CountDownLatch written = new CountDownLatch(4);
      CountDownLatch checked = new CountDownLatch(1);
      AtomicBoolean held = new AtomicBoolean();
      proxy.rule(r -> {
        if (isLockRequest(r) && r.method().equals("PUT")) {
          written.countDown();
        } else if (r.method().equals("PUT") && r.path().contains("/blobs/") && !held.getAndSet(true)) {
          await(checked);
        }
        return null;
      });
      CompletableFuture<Cli.Run> longRun = publishAsync(proxy.uri().toString(), "--concurrency", "1", "--lock-timeout", "3s");
      // taken, then rewritten three times a second apart: without renewal it would be more than 3 s old now
      assertTrue(written.await(60, TimeUnit.SECONDS), "the lock is renewed while the run goes on");
      Cli.Run other = publish(s3.uri().toString(), "--lock-timeout", "3s");
      checked.countDown();
      assertEquals(4, other.exit(), "a renewed lock is not stale: " + other);
      assertEquals(0, longRun.get(120, TimeUnit.SECONDS).exit());
    }
  }

  @Test
  void publish_storeIgnoringConditionalWrites_isRefusedUnlessSingleWriterDeclared() throws Exception {
    try (S3ProxyFixture open = S3ProxyFixture.withoutAuthentication(); FaultProxy ignoring = new FaultProxy(open.proxy.getPort())) {
      ignoring.rule(r -> new FaultProxy.StripHeaders(Set.of("if-match", "if-none-match")));
      String b = open.newBucket("ignores");
      Cli.Run run = S3ProxyFixture.publish(ignoring.uri().toString(), b, tree);
      assertEquals(2, run.exit(), run.toString());
      assertTrue(run.err().contains("does not honour conditional writes") && run.err().contains("If-None-Match")
          && run.err().contains("--no-lock-check"), run.err());
      assertEquals(List.of(), open.keys(b), "nothing published, the probe object removed");

      Cli.Run single = S3ProxyFixture.publish(ignoring.uri().toString(), b, tree, "--no-lock-check");
      assertEquals(0, single.exit(), single.toString());
      assertTrue(single.out().contains("note: conditional writes not checked (single writer declared)"), single.out());
    }
  }

  @Test
  void publish_bucketChangedBetweenPlanAndLock_plansAgain(@TempDir Path work) throws Exception {
    Path published = work.resolve("published");
    Path shrunk = work.resolve("shrunk");
    Path grown = work.resolve("grown");
    for (Path t : List.of(published, shrunk, grown)) {
      SyntheticImages images = new SyntheticImages(t, 7);
      images.image("app", "v1", List.of("linux/amd64"), 1, List.of());
      if (t != shrunk) {
        images.image("app", "v2", List.of("linux/amd64"), 1, List.of());
      }
      if (t == grown) {
        images.image("app", "v3", List.of("linux/amd64"), 1, List.of());
      }
    }
    assertEquals(0, S3ProxyFixture.publish(s3.uri().toString(), bucket, published).exit());
    try (FaultProxy planned = new FaultProxy(s3.proxy.getPort()); FaultProxy deleting = new FaultProxy(s3.proxy.getPort())) {
      CountDownLatch atLock = new CountDownLatch(1);
      CountDownLatch otherDone = new CountDownLatch(1);
      planned.rule(r -> {
        if (isLockRequest(r) && atLock.getCount() > 0) {
          atLock.countDown();
          await(otherDone); // planned; the lock is asked for only once the other run is over
        }
        return null;
      });
      // the other run deletes v2's tag and manifests, then fails on its blobs
      deleting.rule(r -> r.method().equals("DELETE") && r.path().contains("/blobs/") ? FaultProxy.INTERNAL_ERROR : null);
      CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(
          () -> S3ProxyFixture.publish(planned.uri().toString(), bucket, grown));
      assertTrue(atLock.await(60, TimeUnit.SECONDS));
      Cli.Run other = S3ProxyFixture.publish(deleting.uri().toString(), bucket, shrunk, "--delete", "--grace", "0");
      otherDone.countDown();
      assertEquals(1, other.exit(), other.toString());
      assertEquals(0, run.get(120, TimeUnit.SECONDS).exit());
    }
    List<String> keys = s3.keys(bucket);
    try (var walk = Files.walk(grown.resolve("v2"))) {
      List<String> missing = walk.filter(Files::isRegularFile).map(p -> grown.relativize(p).toString())
          .filter(k -> !keys.contains(k)).toList();
      assertEquals(List.of(), missing, "every object of the tree is in the bucket");
    }
  }
}
