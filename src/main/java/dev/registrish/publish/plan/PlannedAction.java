package dev.registrish.publish.plan;

import dev.registrish.store.RemoteObject;
import dev.registrish.tree.TreeObject;

/**
 * One decision of the plan.
 *
 * @param local the object in the tree (null for deletes and extras)
 * @param remote the listed object (null when missing)
 * @param copyFrom the source key of a {@link Action#COPY}
 * @param reason why, for reports (e.g. "Content-Type application/octet-stream, expected ...")
 */
public record PlannedAction(Action action, String key, TreeObject local, RemoteObject remote, String copyFrom, String reason) {

  /** Bytes this action sends over the network. */
  public long bytesSent() {
    return switch (action) {
      case UPLOAD, REPLACE -> local.size();
      default -> 0;
    };
  }
}
