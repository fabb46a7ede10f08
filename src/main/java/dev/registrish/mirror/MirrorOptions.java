package dev.registrish.mirror;

/**
 * How a mirror run treats the bucket's repositories.
 *
 * @param owner names this mirror file in the marker's owners ({@code mirror:<file name>}): the repositories it owns;
 *     null for a one-off mirror ({@code --image}), which owns nothing
 * @param concurrency images resolved at once
 * @param delete whether tags the file no longer selects are deleted ({@code --delete})
 * @param forceDelete whether the share guard is lifted ({@code --force-delete})
 * @param takeOver whether images may write into repositories another mirror file owns, which this one then owns
 */
public record MirrorOptions(String owner, int concurrency, boolean delete, boolean forceDelete, boolean takeOver) {}
