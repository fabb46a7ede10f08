package dev.registrish.publish.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * What the planner is told besides the tree, the listing and the marker.
 *
 * @param grace how long an unreferenced manifest or blob stays before a delete removes it
 * @param maxDelete the most objects one run may delete or start the grace period of
 * @param maxDeleteShare the largest share (percent) of a scope's tags one run may delete without {@code forceDelete}
 * @param forceDelete whether deletes may remove every tag of the scope, or more than the share
 * @param folderKeys whether the store keeps the {@code v2/} key as a folder (it then answers {@code /v2/} once the folder exists)
 * @param now the time the grace clock is read at, by the store's clock where known
 */
public record PlanOptions(boolean delete, boolean repair, Duration grace, int maxDelete, int maxDeleteShare,
    boolean forceDelete, boolean folderKeys, Instant now) {}
