package dev.registrish.verify;

import dev.registrish.tree.ImageReference;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What to verify and how: the public URL, the local tree the registry was published from (or
 * null), the images (empty: every tag of the tree, or of the registry's catalog), full blob
 * downloads, request concurrency, the header rules, retries and the request timeout.
 */
public record VerifyOptions(RegistryUrls urls, Tree tree, List<ImageReference> images, boolean deep, int concurrency,
    HeaderRules rules, RetryPolicy retry, Duration timeout) {

  public static final int DEFAULT_CONCURRENCY = 16;

  public VerifyOptions {
    images = List.copyOf(images);
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
  }

  /** Options for a URL with the defaults: no tree, every image, HEAD only, 16 requests at once, the default tag policy. */
  public static VerifyOptions of(URI url) {
    return new VerifyOptions(RegistryUrls.of(url), null, List.of(), false, DEFAULT_CONCURRENCY,
        HeaderRules.defaults(), RetryPolicy.defaults(), Duration.ofSeconds(30));
  }

  public VerifyOptions withTree(Tree value) {
    return new VerifyOptions(urls, value, images, deep, concurrency, rules, retry, timeout);
  }

  public VerifyOptions withImages(List<ImageReference> value) {
    return new VerifyOptions(urls, tree, value, deep, concurrency, rules, retry, timeout);
  }

  public VerifyOptions withDeep(boolean value) {
    return new VerifyOptions(urls, tree, images, value, concurrency, rules, retry, timeout);
  }

  public VerifyOptions withConcurrency(int value) {
    return new VerifyOptions(urls, tree, images, deep, value, rules, retry, timeout);
  }

  /** The header rules the registry was published with: tags may be cached at most this long, blobs are immutable. */
  public VerifyOptions withRules(HeaderRules value) {
    return new VerifyOptions(urls, tree, images, deep, concurrency, value, retry, timeout);
  }

  public VerifyOptions withRetry(RetryPolicy value) {
    return new VerifyOptions(urls, tree, images, deep, concurrency, rules, value, timeout);
  }

  public VerifyOptions withTimeout(Duration value) {
    return new VerifyOptions(urls, tree, images, deep, concurrency, rules, retry, value);
  }
}
