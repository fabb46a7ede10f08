package dev.registrish.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Lists a prefix as concurrent key ranges. The first page is fetched alone; when the bucket has more,
 * the rest of the key space is split after every {@value #PAGE}th key the caller expects, and each
 * range is listed on its own with {@code start-after}, under the longest prefix its two ends share (every key
 * between them has it), so that a store whose listing costs grow with the keys under the prefix (S3Proxy, and
 * so the embedded endpoint) answers each range from a fraction of the bucket. When the bucket holds what was
 * expected, every range is one full page: the same ⌈N/1000⌉ requests as one sequential listing, in parallel. A store that
 * repeats a continuation token, or answers a key not after the one before it, fails the listing instead of
 * looping for ever.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 */
final class RangeListing {
  /** Keys per listing page, the most S3 returns. */
  static final int PAGE = 1000;

  /** One listing request: keys under {@code prefix} after {@code startAfter} (null: from the start), or after a continuation token. */
  interface Pages {
    Page fetch(String prefix, String startAfter, String continuation);
  }

  /** One page of a listing, sorted; {@code continuation} is null on the last page. */
  record Page(List<RemoteObject> objects, String continuation) {}

  private final Pages pages;
  private final String prefix;
  private final int threads;
  private final String what;

  /** Lists the keys under {@code prefix}; {@code what} names the listing in messages, e.g. {@code list v2/ in bucket 'demo'}. */
  RangeListing(Pages pages, String prefix, int threads, String what) {
    this.pages = pages;
    this.prefix = prefix;
    this.threads = Math.max(1, threads);
    this.what = what;
  }

  /** Every object, sorted; {@code expectedKeys} (sorted) only chooses where ranges split. */
  List<RemoteObject> list(Supplier<List<String>> expectedKeys) {
    Cursor cursor = new Cursor(null);
    Page first = cursor.fetch(prefix, null, null);
    List<RemoteObject> out = new ArrayList<>(first.objects());
    if (first.continuation() == null || first.objects().isEmpty() || threads == 1) {
      out.addAll(rest(cursor, first.continuation()));
      return out;
    }
    List<String> bounds = bounds(expectedKeys.get(), first.objects().get(first.objects().size() - 1).key());
    if (bounds.size() == 1) {
      out.addAll(rest(cursor, first.continuation()));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, bounds.size()), r -> {
      Thread t = new Thread(r, "registrish-list");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<RemoteObject>>> ranges = new ArrayList<>();
      for (int i = 0; i < bounds.size(); i++) {
        String after = bounds.get(i);
        String end = i + 1 < bounds.size() ? bounds.get(i + 1) : null;
        ranges.add(pool.submit(() -> range(after, end)));
      }
      for (Future<List<RemoteObject>> f : ranges) {
        out.addAll(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("listing interrupted", 0, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Range starts: {@code last} (where the first page ended), then every {@value #PAGE}th expected key
   * after it, so that each range holds about one page of what the bucket should have.
   */
  static List<String> bounds(List<String> expected, String last) {
    List<String> out = new ArrayList<>();
    out.add(last);
    int i = lowerBound(expected, last);
    if (i < expected.size() && expected.get(i).equals(last)) {
      i++;
    }
    for (i += PAGE - 1; i < expected.size() - 1; i += PAGE) { // none after the last key: that range would be empty
      out.add(expected.get(i));
    }
    return out;
  }

  private static int lowerBound(List<String> sorted, String key) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The pages after a continuation token, to the end (none when the token is null). */
  private List<RemoteObject> rest(Cursor cursor, String continuation) {
    List<RemoteObject> out = new ArrayList<>();
    for (String token = continuation; token != null; ) {
      Page page = cursor.fetch(prefix, null, token);
      out.addAll(page.objects());
      token = page.continuation();
    }
    return out;
  }

  /** Keys in (after, end]: pages until one reaches {@code end} (null: the end of the listing). */
  private List<RemoteObject> range(String after, String end) {
    List<RemoteObject> out = new ArrayList<>();
    Cursor cursor = new Cursor(after);
    String within = end == null ? prefix : shared(after, end);
    if (!within.startsWith(prefix)) {
      within = prefix;
    }
    String token = null;
    while (true) {
      Page page = cursor.fetch(within, token == null ? after : null, token);
      for (RemoteObject o : page.objects()) {
        if (end != null && o.key().compareTo(end) > 0) {
          return out;
        }
        out.add(o);
      }
      if (page.continuation() == null || (end != null && !page.objects().isEmpty()
          && page.objects().get(page.objects().size() - 1).key().equals(end))) {
        return out;
      }
      token = page.continuation();
    }
  }

  /** One sequence of pages, checked to move forward: each token new, each key after the one before it. */
  private final class Cursor {
    private final Set<String> tokens = new HashSet<>();
    private String last;

    Cursor(String after) {
      this.last = after;
    }

    Page fetch(String within, String startAfter, String continuation) {
      Page page = pages.fetch(within, startAfter, continuation);
      for (RemoteObject o : page.objects()) {
        if (last != null && s3Order(o.key(), last) <= 0) {
          throw new StalledListingException(what + " failed: the store answered key " + o.key() + " after " + last
              + ", not in ascending order, so the listing would not end; the store does not list as S3 does");
        }
        last = o.key();
      }
      if (page.continuation() != null && !tokens.add(page.continuation())) {
        throw new StalledListingException(what + " failed: the store answered continuation token " + page.continuation()
            + " a second time, so the listing would not end; the store does not list as S3 does");
      }
      return page;
    }
  }

  /** The longest prefix of both keys, never ending inside a character that takes two UTF-16 units. */
  static String shared(String a, String b) {
    int n = 0;
    int max = Math.min(a.length(), b.length());
    while (n < max && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    if (n > 0 && Character.isHighSurrogate(a.charAt(n - 1))) {
      n--;
    }
    return a.substring(0, n);
  }

  /** The order S3 lists keys in: by UTF-8 bytes, that is by code point ({@link String#compareTo} orders UTF-16 units). */
  static int s3Order(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
