package dev.registrish.mirror;

import dev.registrish.upstream.RateLimit;
import dev.registrish.upstream.Resolution;
import dev.registrish.upstream.UpstreamReference;

/**
 * A run's pull budget on registries that announce one (Docker Hub counts a pull per manifest GET, HEAD is free):
 * the lowest {@code RateLimit-Remaining} a HEAD answered, less each manifest GET made since. Before an image's
 * GETs, and before an index's children, the GETs they need are checked against it, so that an image that cannot
 * be paid for whole is deferred before it spends pulls; a GET the budget cannot pay for is not sent. Unlimited
 * until a registry announces a limit.
 */
final class PullBudget {
  private long remaining = -1;
  private long spent;
  private boolean refused;

  /** Takes the limit a resolution announced, and charges it when the registry was read by GET. */
  synchronized void observe(Resolution r) {
    r.rateLimit().map(RateLimit::remaining).filter(left -> left >= 0)
        .ifPresent(left -> remaining = remaining < 0 ? left : Math.min(remaining, left));
    if (r.byGet()) {
      charge();
    }
  }

  /** Throws when the budget cannot pay for {@code gets} more manifest GETs of {@code subject}; charges nothing. */
  synchronized void require(Object subject, int gets) throws PullLimitException {
    if (remaining >= 0 && remaining < gets) {
      refused = true;
      throw new PullLimitException(subject, gets, remaining);
    }
  }

  /** Pays for one manifest GET of {@code ref}; throws when the budget is spent. */
  synchronized void take(UpstreamReference ref) throws PullLimitException {
    require(ref, 1);
    charge();
  }

  /** The registry answered 429 beyond a short wait: no further GET is sent this run. */
  synchronized void exhausted() {
    remaining = 0;
  }

  private void charge() {
    spent++;
    if (remaining > 0) {
      remaining--;
    }
  }

  /** A line for the report when a limit was announced, else null. */
  synchronized String note() {
    return remaining < 0 ? null : "pull limit: " + spent + " manifest downloads made, " + remaining + " left"
        + (refused ? "; images that needed more were deferred" : "");
  }
}
