package dev.registrish.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Lists a prefix as concurrent key ranges. The first page is fetched alone; when the bucket has more,
 * the rest of the key space is split after every {@value #PAGE}th key the caller expects, and each
 * range is listed on its own with {@code start-after}. When the bucket holds what was expected, every
 * range is one full page: the same ⌈N/1000⌉ requests as one sequential listing, in parallel.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 */
final class RangeListing {
  /** Keys per listing page, the most S3 returns. */
  static final int PAGE = 1000;

  /** One listing request: keys after {@code startAfter} (null: from the start), or after a continuation token. */
  interface Pages {
    Page fetch(String startAfter, String continuation);
  }

  /** One page of a listing, sorted; {@code continuation} is null on the last page. */
  record Page(List<RemoteObject> objects, String continuation) {}

  private final Pages pages;
  private final int threads;

  RangeListing(Pages pages, int threads) {
    this.pages = pages;
    this.threads = Math.max(1, threads);
  }

  /** Every object, sorted; {@code expectedKeys} (sorted) only chooses where ranges split. */
  List<RemoteObject> list(Supplier<List<String>> expectedKeys) {
    Page first = pages.fetch(null, null);
    List<RemoteObject> out = new ArrayList<>(first.objects());
    if (first.continuation() == null || first.objects().isEmpty() || threads == 1) {
      out.addAll(rest(first.continuation()));
      return out;
    }
    List<String> bounds = bounds(expectedKeys.get(), first.objects().get(first.objects().size() - 1).key());
    if (bounds.size() == 1) {
      out.addAll(rest(first.continuation()));
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
  private List<RemoteObject> rest(String continuation) {
    List<RemoteObject> out = new ArrayList<>();
    for (String token = continuation; token != null; ) {
      Page page = pages.fetch(null, token);
      out.addAll(page.objects());
      token = page.continuation();
    }
    return out;
  }

  /** Keys in (after, end]: pages until one reaches {@code end} (null: the end of the listing). */
  private List<RemoteObject> range(String after, String end) {
    List<RemoteObject> out = new ArrayList<>();
    String token = null;
    while (true) {
      Page page = pages.fetch(token == null ? after : null, token);
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
}
