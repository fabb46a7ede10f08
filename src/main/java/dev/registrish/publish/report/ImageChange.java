package dev.registrish.publish.report;

/**
 * One image (repository:tag) in a report.
 *
 * @param status {@code new}, {@code updated}, {@code unchanged}, {@code removed} or {@code kept} (gone from the tree, no --delete)
 * @param from the digest the tag had before (null when new or unknown)
 * @param to the digest it has now (null when removed)
 * @param objects objects this image sends or copies (manifests and blobs it reaches)
 * @param bytes bytes this image sends
 */
public record ImageChange(String repository, String tag, String status, String from, String to, int objects, long bytes) {}
