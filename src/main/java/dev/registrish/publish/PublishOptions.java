package dev.registrish.publish;

import dev.registrish.publish.plan.PlanOptions;
import dev.registrish.publish.state.LockOptions;
import dev.registrish.tree.HeaderRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a publish is asked to do.
 *
 * @param prefix the key prefix, as {@code RegistryKey.prefix} normalises and checks it
 * @param repositories glob patterns selecting repositories (empty: all)
 * @param grace how long an unreferenced manifest or blob stays before --delete removes it
 * @param maxDelete the most deletions (and newly unreferenced objects) one run may have
 * @param maxDeleteShare the largest share (percent) of a scope's tags one run may delete without {@code forceDelete}
 * @param forceDelete whether deletes go ahead where a guard refuses them (every tag of the scope, more than the share,
 *     repositories another scope owns)
 * @param lock how the bucket lock is taken
 * @param abortUploadsAfter age after which an incomplete multipart upload under the prefix is aborted
 */
public record PublishOptions(String prefix, HeaderRules rules, boolean catalog, boolean dryRun, boolean delete,
    boolean repair, int concurrency, Duration grace, int maxDelete, int maxDeleteShare, boolean forceDelete,
    List<String> repositories, LockOptions lock,
    Duration abortUploadsAfter, Instant now) {

  /**
   * What the planner needs of these options, on a store that keeps {@code v2/} as a folder or not, with the
   * grace clock read at {@code storeTime} (the store's clock) when known, else at this run's start.
   */
  public PlanOptions plan(boolean folderKeys, Instant storeTime) {
    return new PlanOptions(delete, repair, grace, maxDelete, maxDeleteShare, forceDelete, folderKeys,
        storeTime != null ? storeTime : now);
  }
}
