package dev.registrish.publish;

import dev.registrish.publish.state.BucketLock;
import dev.registrish.publish.state.LockHolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Json;
import dev.registrish.source.SyntheticImages;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.RemoteObject;
import dev.registrish.testing.Cli;
import dev.registrish.testing.FaultProxy;
import dev.registrish.testing.S3ProxyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bucket lock: two publishes at once, live and dead holders, stale locks and --force-unlock. */
class PublishLockTest {
  static S3ProxyFixture s3;
  static final String LOCK = "registrish.lock.json";

  @TempDir
  Path tree;
  String bucket;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyFixture();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @BeforeEach
  void bucket() throws Exception {
    bucket = s3.newBucket("lock");
    new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 3, List.of());
  }

  Cli.Run publish(String endpoint, String... extra) {
    return S3ProxyFixture.publish(endpoint, bucket, tree, extra);
  }

  /** Leaves a lock as another publish would: {@code holder} edited by the caller. */
  void lockHeldBy(BucketLock.LockTemplate holder) throws Exception {
    byte[] body = Json.MAPPER.writeValueAsBytes(holder);
    try (ObjectStore store = s3.objectStore(bucket)) {
      assertTrue(store.putIfAbsent(LOCK, body, "application/json"));
    }
  }

  boolean locked() throws Exception {
    try (ObjectStore store = s3.objectStore(bucket)) {
      return store.list("").stream().map(RemoteObject::key).anyMatch(LOCK::equals);
    }
  }

  @Test
  void publish_twoAtOnce_oneProceedsTheOtherExits4() throws Exception {
    try (FaultProxy slow = new FaultProxy(s3.proxy.getPort())) {
      // each write takes a while, so that the second publish asks for the lock while the first holds it
      slow.rule(r -> r.method().equals("PUT") && r.path().contains("/blobs/") ? new FaultProxy.Delay(Duration.ofMillis(300)) : null);
      CompletableFuture<Cli.Run> first = CompletableFuture.supplyAsync(() -> publish(slow.uri().toString(), "--concurrency", "1"));
      // the second starts once the first holds the lock: S3Proxy checks If-None-Match before it writes,
      // so two lock requests arriving together could both succeed there
      while (!locked() && !first.isDone()) {
        Thread.sleep(10);
      }
      Cli.Run second = publish(slow.uri().toString(), "--concurrency", "1");
      List<Cli.Run> done = List.of(first.join(), second);
      List<Integer> exits = done.stream().map(Cli.Run::exit).sorted().toList();
      assertEquals(List.of(0, 4), exits, done.toString());
      Cli.Run loser = done.stream().filter(r -> r.exit() == 4).findFirst().orElseThrow();
      assertTrue(loser.err().contains("bucket is locked by") && loser.err().contains("another publish is running"), loser.err());
      assertFalse(loser.err().contains("\tat "), "no stack trace");
    }
    assertFalse(locked(), "the winner released the lock");
  }

  @Test
  void publish_lockOfLiveProcessOnThisHost_exits4NamingTheHolder() throws Exception {
    BucketLock.LockTemplate me = LockHolder.current(Instant.now());
    lockHeldBy(me);
    Cli.Run run = publish(s3.uri().toString());
    assertEquals(4, run.exit(), run.toString());
    assertTrue(run.err().contains("bucket is locked by " + me.owner) && run.err().contains("--force-unlock"), run.err());
    assertTrue(locked(), "another's lock is left alone");
  }

  @Test
  void publish_lockOfDeadProcessOnThisHost_isTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    BucketLock.LockTemplate dead = LockHolder.current(Instant.now());
    dead.pid = gone.pid();
    dead.processStart = null;
    dead.owner = dead.host + " pid " + dead.pid;
    lockHeldBy(dead);
    Cli.Run run = publish(s3.uri().toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("note: took over the lock of " + dead.owner) && run.out().contains("no longer running"), run.out());
    assertFalse(locked());
  }

  @Test
  void publish_lockFromAnotherPidNamespace_isNotJudgedDead() throws Exception {
    BucketLock.LockTemplate other = LockHolder.current(Instant.now());
    other.pid = Integer.MAX_VALUE;
    other.pidNamespace = "pid:[1]";
    lockHeldBy(other);
    assertEquals(4, publish(s3.uri().toString()).exit(), "a container sharing the host name may still run it");
  }

  @Test
  void publish_lockFromAnotherHost_waitsForTheTimeoutThenTakesOver() throws Exception {
    BucketLock.LockTemplate other = new BucketLock.LockTemplate();
    other.host = "build-7";
    other.pid = 42;
    other.owner = "build-7 pid 42";
    other.started = Instant.now().minus(Duration.ofMinutes(30)).toString();
    lockHeldBy(other);
    Cli.Run fresh = publish(s3.uri().toString());
    assertEquals(4, fresh.exit(), fresh.toString());
    assertTrue(fresh.err().contains("build-7 pid 42") && fresh.err().contains("--lock-timeout 60 min"), fresh.err());

    Cli.Run stale = publish(s3.uri().toString(), "--lock-timeout", "20m");
    assertEquals(0, stale.exit(), stale.toString());
    assertTrue(stale.out().contains("note: took over the stale lock of build-7 pid 42"), stale.out());
    assertFalse(locked());
  }

  @Test
  void publish_forceUnlock_takesAnyLock() throws Exception {
    lockHeldBy(LockHolder.current(Instant.now()));
    Cli.Run run = publish(s3.uri().toString(), "--force-unlock");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("note: --force-unlock: took the lock of"), run.out());
    assertFalse(locked());
  }

  @Test
  void dryRun_ignoresTheLock() throws Exception {
    lockHeldBy(LockHolder.current(Instant.now()));
    s3.store.reset();
    Cli.Run run = publish(s3.uri().toString(), "--dry-run");
    assertEquals(0, run.exit(), run.toString());
    assertEquals(0, s3.store.writes(), "a dry run neither takes nor needs the lock");
  }
}
