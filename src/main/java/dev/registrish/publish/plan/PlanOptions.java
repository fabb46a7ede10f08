package dev.registrish.publish.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * What the planner is told besides the tree, the listing and the marker.
 *
 * @param grace how long an unreferenced manifest or blob stays before a delete removes it
 * @param maxDelete the most deletions one run may make
 * @param folderKeys whether the store keeps the {@code v2/} key as a folder (it then answers {@code /v2/} once the folder exists)
 * @param now the time the grace clock is read at
 */
public record PlanOptions(boolean delete, boolean repair, Duration grace, int maxDelete, boolean folderKeys, Instant now) {}
