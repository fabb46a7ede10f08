package dev.registrish.tree;

import dev.registrish.oci.Digest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key of the registry layout, relative to the prefix: the {@code v2/} ping, {@code v2/_catalog}, a blob,
 * a manifest by digest, a tag, a repository's {@code tags/list} or a referrers document. Keys are built and
 * parsed here only; every package that names an object of the registry goes through this type.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#endpoints">distribution spec endpoints</a>
 */
public final class RegistryKey implements Comparable<RegistryKey> {
  /** The folder every key lives under. */
  public static final String ROOT = "v2/";
  private static final String CATALOG = ROOT + "_catalog";
  private static final String BLOBS = "/blobs/";
  private static final String MANIFESTS = "/manifests/";
  private static final String REFERRERS = "/referrers/";
  private static final String TAGS_LIST = "/tags/list";
  /** A referrers fallback tag: {@code <alg>-<hex>}, the algorithm cut to 32 characters and the hex to 64. */
  private static final Pattern FALLBACK_TAG = Pattern.compile("(sha256|sha512)-[a-f0-9]{64}");

  /**
   * What a key names. {@code REFERRERS_TAG} is a tag named {@code <alg>-<hex>}: the referrers fallback tag of that
   * digest, which holds the same index as its referrers document.
   */
  public enum Kind {
    PING, CATALOG, BLOB, MANIFEST, TAG, TAGS_LIST, REFERRERS, REFERRERS_TAG;

    /** Content-addressed objects never change once written: same size means same object. */
    public boolean contentAddressed() {
      return this == BLOB || this == MANIFEST;
    }

    /** Documents computed from the tree (ping, tag lists, catalog, referrers and their fallback tags), never the user's own objects. */
    public boolean derived() {
      return this == PING || this == CATALOG || this == TAGS_LIST || this == REFERRERS || this == REFERRERS_TAG;
    }

    /**
     * Objects a delete keeps for the grace period once unreferenced: content-addressed ones, and the referrers
     * document of a manifest, which lives as long as that manifest.
     */
    public boolean graced() {
      return contentAddressed() || this == REFERRERS;
    }
  }

  private final Kind kind;
  private final String repository;
  private final String reference;
  private final String path;

  private RegistryKey(Kind kind, String repository, String reference, String path) {
    this.kind = kind;
    this.repository = repository;
    this.reference = reference;
    this.path = path;
  }

  public static RegistryKey ping() {
    return new RegistryKey(Kind.PING, null, null, ROOT);
  }

  public static RegistryKey catalog() {
    return new RegistryKey(Kind.CATALOG, null, null, CATALOG);
  }

  public static RegistryKey blob(String repository, Digest digest) {
    return of(Kind.BLOB, repository, digest.toString(), BLOBS);
  }

  public static RegistryKey manifest(String repository, Digest digest) {
    return of(Kind.MANIFEST, repository, digest.toString(), MANIFESTS);
  }

  /** A tag; one named {@code <alg>-<hex>} is a {@link Kind#REFERRERS_TAG}. */
  public static RegistryKey tag(String repository, String tag) {
    return of(FALLBACK_TAG.matcher(tag).matches() ? Kind.REFERRERS_TAG : Kind.TAG, repository, tag, MANIFESTS);
  }

  /** A manifest by digest or a tag, whichever {@code reference} is. */
  public static RegistryKey manifestReference(String repository, String reference) {
    return Digest.isValid(reference) ? manifest(repository, Digest.parse(reference)) : tag(repository, reference);
  }

  public static RegistryKey tagsList(String repository) {
    return new RegistryKey(Kind.TAGS_LIST, repository, null, ROOT + repository + TAGS_LIST);
  }

  public static RegistryKey referrers(String repository, Digest subject) {
    return of(Kind.REFERRERS, repository, subject.toString(), REFERRERS);
  }

  /**
   * The referrers fallback tag of {@code subject}: {@code <alg>-<hex>}, the algorithm cut to 32 characters and the hex
   * to 64 ({@code sha256-<hex>}).
   *
   * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema">referrers tag schema</a>
   */
  public static RegistryKey referrersTag(String repository, Digest subject) {
    String alg = subject.algorithm();
    String hex = subject.hex();
    return tag(repository, alg.substring(0, Math.min(32, alg.length())) + "-" + hex.substring(0, Math.min(64, hex.length())));
  }

  private static RegistryKey of(Kind kind, String repository, String reference, String folder) {
    return new RegistryKey(kind, repository, reference, ROOT + repository + folder + reference);
  }

  /**
   * A user's key prefix, normalised: no leading {@code /}, and "" or ending in {@code /}. Throws
   * {@link IllegalArgumentException} when it would overlap another publisher's keys: a segment named {@code v2}
   * puts it inside the registry published at the prefix before that segment, whose {@code --delete} would remove
   * its objects, lock and marker; empty, {@code .} and {@code ..} segments are refused as hosts and CDNs rewrite them.
   */
  public static String prefix(String given) {
    String p = given == null ? "" : given.replaceAll("^/+", "");
    if (p.isEmpty()) {
      return p;
    }
    p = p.endsWith("/") ? p : p + "/";
    String[] segments = p.substring(0, p.length() - 1).split("/", -1);
    StringBuilder above = new StringBuilder();
    for (String segment : segments) {
      if (ROOT.equals(segment + "/")) {
        throw new IllegalArgumentException("--prefix " + given + ": a prefix must not contain a segment named v2: its keys "
            + "would lie inside the registry published at " + (above.length() == 0 ? "the bucket's root" : "prefix " + above)
            + " (" + above + ROOT + "), whose publish --delete would remove them, with this prefix's lock and marker");
      }
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("--prefix " + given + ": empty, '.' and '..' segments are not allowed "
            + "(hosts and CDNs rewrite them)");
      }
      above.append(segment).append('/');
    }
    return p;
  }

  /**
   * The key a path (relative to the prefix, e.g. {@code v2/app/manifests/v1}) names, or null when it is
   * not one of the registry's keys: names and references are checked against the distribution spec's grammar.
   */
  public static RegistryKey parse(String path) {
    if (path == null || !path.startsWith(ROOT)) {
      return null;
    }
    if (path.equals(ROOT)) {
      return ping();
    }
    if (path.equals(CATALOG)) {
      return catalog();
    }
    if (path.endsWith(TAGS_LIST)) {
      String repo = path.substring(ROOT.length(), Math.max(ROOT.length(), path.length() - TAGS_LIST.length()));
      return Names.isRepository(repo) ? tagsList(repo) : null;
    }
    String folder = null;
    int at = -1;
    for (String f : new String[] {BLOBS, MANIFESTS, REFERRERS}) { // the last one: a repository may hold a "blobs" segment
      int i = path.lastIndexOf(f);
      if (i > at) {
        at = i;
        folder = f;
      }
    }
    if (at <= ROOT.length()) {
      return null;
    }
    String repo = path.substring(ROOT.length(), at);
    String ref = path.substring(at + folder.length());
    if (!Names.isRepository(repo)) {
      return null;
    }
    boolean digest = Digest.isValid(ref);
    return switch (folder) {
      case BLOBS -> digest ? new RegistryKey(Kind.BLOB, repo, ref, path) : null;
      case REFERRERS -> digest ? new RegistryKey(Kind.REFERRERS, repo, ref, path) : null;
      default -> digest ? new RegistryKey(Kind.MANIFEST, repo, ref, path) : Names.isTag(ref) ? tag(repo, ref) : null;
    };
  }

  public Kind kind() {
    return kind;
  }

  /** The repository, or null for the ping and the catalog. */
  public String repository() {
    return repository;
  }

  /** The digest or tag the key ends in (a referrers document's: its subject), or null for the ping, the catalog and tag lists. */
  public String reference() {
    return reference;
  }

  /** The digest a blob, manifest or referrers key names. */
  public Digest digest() {
    return Digest.parse(reference);
  }

  /** The key as stored, e.g. {@code v2/app/manifests/v1}. */
  public String path() {
    return path;
  }

  /** Whether the key is a tag or a manifest by digest (the reference clients ask {@code manifests/} for). */
  public boolean isManifestReference() {
    return kind == Kind.TAG || kind == Kind.REFERRERS_TAG || kind == Kind.MANIFEST;
  }

  @Override
  public int compareTo(RegistryKey other) {
    return path.compareTo(other.path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryKey k && k.path.equals(path);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(path);
  }

  @Override
  public String toString() {
    return path;
  }
}
