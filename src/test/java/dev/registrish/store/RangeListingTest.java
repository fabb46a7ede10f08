package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeListingTest {
  static final String WHAT = "list v2/ in bucket 'demo'";

  /** A bucket answering like ListObjectsV2: sorted, at most one page, under a prefix, start-after or a continuation token. */
  static final class Bucket implements RangeListing.Pages {
    final TreeSet<String> keys;
    final AtomicInteger requests = new AtomicInteger();
    /** The prefix of every request, in the order they came. */
    final List<String> prefixes = new CopyOnWriteArrayList<>();

    Bucket(List<String> keys) {
      this.keys = new TreeSet<>(keys);
    }

    @Override
    public RangeListing.Page fetch(String prefix, String startAfter, String continuation) {
      requests.incrementAndGet();
      prefixes.add(prefix);
      String after = continuation != null ? continuation : startAfter;
      List<RemoteObject> page = new ArrayList<>();
      for (String k : after == null ? keys : keys.tailSet(after, false)) {
        if (!k.startsWith(prefix)) {
          continue;
        }
        if (page.size() == RangeListing.PAGE) {
          return new RangeListing.Page(page, page.get(page.size() - 1).key());
        }
        page.add(new RemoteObject(k, 1, "e"));
      }
      return new RangeListing.Page(page, null);
    }
  }

  static List<String> keys(int n, String prefix) {
    return IntStream.range(0, n).mapToObj(i -> String.format("v2/%s%06d", prefix, i)).toList();
  }

  static List<String> listed(Bucket bucket, List<String> expected, int threads) {
    return new RangeListing(bucket, "v2/", threads, WHAT).list(() -> expected).stream().map(RemoteObject::key).toList();
  }

  @Test
  void list_bucketHoldsWhatWasExpected_onePagePerThousandKeys() {
    List<String> keys = keys(5_500, "k");
    Bucket bucket = new Bucket(keys);
    assertEquals(keys, listed(bucket, keys, 8));
    assertEquals(6, bucket.requests.get());
  }

  @Test
  void list_exactMultipleOfAPage_noExtraRequest() {
    List<String> keys = keys(3_000, "k");
    Bucket bucket = new Bucket(keys);
    assertEquals(keys, listed(bucket, keys, 4));
    assertEquals(3, bucket.requests.get());
  }

  @Test
  void list_bucketDiffersFromExpected_returnsExactlyTheBucket() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<String> expected = new ArrayList<>();
      List<String> present = new ArrayList<>();
      for (String k : keys(2_000 + random.nextInt(4_000), "k")) {
        if (random.nextInt(10) > 0) {
          expected.add(k);
        }
        if (random.nextInt(10) > 1) {
          present.add(k);
        }
      }
      present.addAll(keys(random.nextInt(1_500), "extra/")); // keys the caller does not know of
      present.add("v2/");
      Bucket bucket = new Bucket(present);
      assertEquals(new ArrayList<>(new TreeSet<>(present)), listed(bucket, expected, 1 + random.nextInt(8)), "round " + round);
    }
  }

  @Test
  void list_oneShortPage_neverAsksForExpectedKeys() {
    Bucket bucket = new Bucket(keys(999, "k"));
    List<String> out = new RangeListing(bucket, "v2/", 8, WHAT).list(() -> {
      throw new AssertionError("expected keys are not needed for one page");
    }).stream().map(RemoteObject::key).toList();
    assertEquals(keys(999, "k"), out);
    assertEquals(1, bucket.requests.get());
  }

  @Test
  void list_emptyBucket_oneRequest() {
    Bucket bucket = new Bucket(List.of());
    assertTrue(listed(bucket, keys(10_000, "k"), 8).isEmpty());
    assertEquals(1, bucket.requests.get());
  }

  @Test
  void list_nothingExpected_pagesSequentially() {
    List<String> keys = keys(2_500, "k");
    Bucket bucket = new Bucket(keys);
    assertEquals(keys, listed(bucket, List.of(), 8));
    assertEquals(3, bucket.requests.get());
  }

  @Test
  void list_rangesWithinOneRepository_listedUnderTheRepositorysPrefix() {
    List<String> keys = new ArrayList<>();
    for (int repo = 0; repo < 6; repo++) {
      keys.addAll(keys(1_500, "r" + repo + "/blobs/"));
    }
    Bucket bucket = new Bucket(keys);
    assertEquals(keys, listed(bucket, keys, 4));
    assertEquals(9, bucket.requests.get());
    assertEquals("v2/", bucket.prefixes.get(0));
    assertTrue(bucket.prefixes.stream().filter(p -> p.startsWith("v2/r3/blobs/0")).count() >= 1, bucket.prefixes.toString());
    assertTrue(bucket.prefixes.stream().filter(p -> p.equals("v2/")).count() <= 2, "only the first page and the last range list "
        + "the whole prefix: " + bucket.prefixes);
  }

  @ParameterizedTest
  @CsvSource({
      "v2/a/blobs/sha256:01, v2/a/blobs/sha256:09, v2/a/blobs/sha256:0",
      "v2/a/blobs/x, v2/b/manifests/y, v2/",
      "v2/a, v2/a/b, v2/a",
  })
  void shared_longestCommonPrefix(String a, String b, String shared) {
    assertEquals(shared, RangeListing.shared(a, b));
  }

  @Test
  void shared_neverEndsInsideASurrogatePair() {
    assertEquals("v2/", RangeListing.shared("v2/\uD83D\uDE00", "v2/\uD83D\uDE01"));
  }

  @Test
  void bounds_splitAfterEveryThousandthExpectedKeyPastTheFirstPage() {
    List<String> expected = keys(3_500, "k");
    assertEquals(List.of(expected.get(999), expected.get(1_999), expected.get(2_999)), RangeListing.bounds(expected, expected.get(999)));
  }

  /** A store that does not move forward; it fails the test, instead of looping, once asked more pages than a listing needs. */
  static final class StuckStore implements RangeListing.Pages {
    final Bucket bucket = new Bucket(keys(5_000, "k"));
    final boolean repeatFirstPage;

    StuckStore(boolean repeatFirstPage) {
      this.repeatFirstPage = repeatFirstPage;
    }

    @Override
    public RangeListing.Page fetch(String prefix, String startAfter, String continuation) {
      if (bucket.requests.get() > 100) {
        throw new AssertionError("the listing did not stop after 100 requests");
      }
      if (continuation == null) {
        RangeListing.Page page = bucket.fetch(prefix, startAfter, null);
        return new RangeListing.Page(page.objects(), "token-" + bucket.requests.get());
      }
      // either the first page again under a new token, or an empty page under the same token
      return repeatFirstPage ? new RangeListing.Page(bucket.fetch(prefix, null, null).objects(), "token-" + bucket.requests.get())
          : new RangeListing.Page(List.of(), continuation);
    }
  }

  @ParameterizedTest(name = "first page again: {0}, {1} threads")
  @CsvSource({
      "true, 1, 'answered key v2/k000000 after v2/k000999, not in ascending order'",
      "true, 8, 'not in ascending order'",
      "false, 1, 'answered continuation token token-1 a second time'",
      "false, 8, 'a second time'",
  })
  void list_storeDoesNotAdvance_failsNamingTheListing(boolean repeatFirstPage, int threads, String reason) {
    StuckStore store = new StuckStore(repeatFirstPage);
    var e = assertThrows(StalledListingException.class,
        () -> new RangeListing(store, "v2/", threads, WHAT).list(() -> keys(5_000, "k")));
    assertTrue(e.getMessage().startsWith(WHAT + " failed: the store "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
