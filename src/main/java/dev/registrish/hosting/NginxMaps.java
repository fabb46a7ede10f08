package dev.registrish.hosting;

import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.TreeObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code map} blocks of an nginx config: request path to media-type slot, tag path to its
 * digest, manifest path to the file holding its bytes, and repository to its {@code tags/list} body; sized so
 * that nginx can hash every key.
 */
final class NginxMaps {
  private static final String DIGEST_REGEX = "~/manifests/(?<registrish_ref>sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$";

  private final StringBuilder types = new StringBuilder();
  private final StringBuilder digests = new StringBuilder();
  private final StringBuilder lists = new StringBuilder();
  private final StringBuilder files = new StringBuilder();
  private final TreeSet<String> usedTypes = new TreeSet<>();
  private final Map<String, String> folded = new HashMap<>();
  private final Map<String, String> slots = new HashMap<>();
  private int longestKey;
  private int keys;

  /** The named-location suffix for a media type: letters and digits, the rest as {@code _}. */
  static String slot(String type) {
    return type.replaceAll("[^A-Za-z0-9]", "_");
  }

  /** Every manifest and tag path passes here, so a clash of two paths that differ only in case is caught here. */
  void manifest(TreeObject o, String type) {
    String first = folded.putIfAbsent(("/" + o.path()).toLowerCase(Locale.ROOT), "/" + o.path());
    if (first != null) {
      throw new UnsafeValueException("/" + o.path() + ": nginx matches map keys ignoring case, and " + first
          + " differs only in case; rename one of the tags");
    }
    usedTypes.add(type);
    entry(types, "/" + o.path(), slots.computeIfAbsent(type, NginxMaps::slot));
  }

  void tagDigest(TreeObject o) {
    entry(digests, "/" + o.path(), o.headers().dockerContentDigest());
  }

  /** A request path whose bytes are in another file (a referrers fallback tag: its subject's referrers document). */
  void file(String path, String file) {
    entry(files, path, "\"" + file + "\"");
  }

  void tagsList(TreeObject o) {
    String body = new String(o.bytes(), StandardCharsets.UTF_8);
    if (body.contains("'") || body.contains("\\") || body.contains("$")) {
      throw new UnsafeValueException(o.path() + ": cannot be written into an nginx configuration");
    }
    String key = "/" + o.path();
    note(key);
    lists.append("  \"").append(key).append("\" '").append(body).append("';\n");
  }

  private void entry(StringBuilder map, String key, String value) {
    note(key);
    map.append("  \"").append(key).append("\" ").append(value).append(";\n");
  }

  private void note(String key) {
    longestKey = Math.max(longestKey, key.length());
    keys++;
  }

  TreeSet<String> types() {
    return usedTypes;
  }

  /** A bucket that holds the longest key (nginx needs key + 2 bytes, aligned, plus two pointers). */
  int bucketSize() {
    int needed = 8 + ((longestKey + 2 + 7) & ~7) + 8;
    int size = 128;
    while (size < needed) {
      size *= 2;
    }
    return size;
  }

  /** Room for every key without a warning from nginx. */
  int maxSize() {
    return Math.max(2048, keys * 4);
  }

  void render(StringBuilder out, HeaderRules rules) {
    out.append("# Media type of every manifest and tag, by path.\n")
        .append("map $uri $registrish_manifest {\n  default unknown;\n").append(types).append("}\n\n")
        .append("# Docker-Content-Digest of a manifest: from its path, or for a tag the digest of its bytes.\n")
        .append("map $uri $registrish_manifest_digest {\n  default \"\";\n  \"").append(DIGEST_REGEX).append("\" $registrish_ref;\n")
        .append(digests).append("}\n\n")
        .append("# Manifests by digest never change; tags do.\n")
        .append("map $uri $registrish_manifest_cache {\n  default \"").append(rules.shortLived()).append("\";\n")
        .append("  \"").append(DIGEST_REGEX).append("\" \"").append(HeaderRules.IMMUTABLE).append("\";\n}\n\n")
        .append("# The file of each manifest path: itself, or for a referrers fallback tag its referrers document.\n")
        .append("map $uri $registrish_file {\n  default $uri;\n").append(files).append("}\n\n")
        .append("# The tags/list document of every repository.\n")
        .append("map $uri $registrish_tags_list {\n  default \"\";\n").append(lists).append("}\n\n");
  }
}
