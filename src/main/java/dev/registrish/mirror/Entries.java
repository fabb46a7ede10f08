package dev.registrish.mirror;

import dev.registrish.mirror.MirrorFileTemplate.ImageTemplate;
import dev.registrish.mirror.MirrorFileTemplate.RegistryTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.tree.Names;
import dev.registrish.upstream.UpstreamException;
import dev.registrish.upstream.UpstreamReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.semver4j.RangesListFactory;

/** Checks the entries of a mirror file one by one, collecting every problem with its line before failing. */
final class Entries {
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final YamlLines lines;
  private final String file;
  private final List<String> problems = new ArrayList<>();

  Entries(YamlLines lines, String file) {
    this.lines = lines;
    this.file = file;
  }

  void problem(String path, String message) {
    problems.add(file + " " + lines.at(path) + ": " + path + ": " + message);
  }

  /** Throws every problem found so far. */
  void fail() throws MirrorFileException {
    if (!problems.isEmpty()) {
      throw new MirrorFileException(String.join("\n", problems));
    }
  }

  void defaults(ImageTemplate d) {
    for (String field : new String[] {"source", "target", "tags", "tag-pattern", "exclude", "semver"}) {
      boolean set = switch (field) {
        case "source" -> d.source != null;
        case "target" -> d.target != null;
        case "tags" -> d.tags != null;
        case "tag-pattern" -> d.tagPattern != null;
        case "exclude" -> d.exclude != null;
        default -> d.semver != null;
      };
      if (set) {
        problem("defaults." + field, "not a default: set it on each image");
      }
    }
    platforms("defaults.platforms", d.platforms);
  }

  RegistryAccess registry(String name, RegistryTemplate r, Map<String, String> env) {
    String at = "registries." + name;
    String username = r.username != null ? r.username : variable(at + ".username-env", r.usernameEnv, env);
    String password = variable(at + ".password-env", r.passwordEnv, env);
    if ((username == null) != (password == null) && r.credentialHelper == null) {
      problem(at, "give both a user name (username or username-env) and password-env, or a credential-helper");
    }
    if (r.credentialHelper != null && (username != null || password != null)) {
      problem(at + ".credential-helper", "give a credential helper or a user name and password, not both");
    }
    if (r.credentialHelper != null && !ENV_NAME.matcher(r.credentialHelper.replace('-', '_')).matches()) {
      problem(at + ".credential-helper", "'" + r.credentialHelper + "' is not a helper name (docker-credential-<name>)");
    }
    return new RegistryAccess(username, password, r.credentialHelper, Boolean.TRUE.equals(r.insecure));
  }

  private String variable(String path, String name, Map<String, String> env) {
    if (name == null) {
      return null;
    }
    if (!ENV_NAME.matcher(name).matches()) {
      problem(path, "'" + name + "' is not an environment variable name");
      return null;
    }
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      problem(path, "the environment variable " + name + " is not set");
    }
    return value;
  }

  /** One image with the defaults applied, or null when it has problems (recorded). */
  MirrorImage image(int i, ImageTemplate t, ImageTemplate d, Map<String, RegistryAccess> registries) {
    String at = "images[" + i + "]";
    int before = problems.size();
    if (t == null || t.source == null || t.source.isBlank()) {
      problem(at + (t == null ? "" : ".source"), "source: the upstream repository to mirror, e.g. docker.io/library/alpine");
      return null;
    }
    UpstreamReference source;
    try {
      source = UpstreamReference.parse(t.source);
    } catch (UpstreamException e) {
      problem(at + ".source", e.getMessage());
      return null;
    }
    if (source.tag() != null || source.digest() != null) {
      problem(at + ".source", "'" + t.source + "' names a tag or digest: list them under tags:");
    }
    String target = t.target != null ? t.target : source.repository();
    if (!Names.isRepository(target)) {
      problem(at + ".target", "invalid repository name '" + target + "' (" + Names.repositoryRule() + ")");
    }
    TagRules tags = tags(at, t);
    List<String> platforms = t.platforms != null ? t.platforms : d.platforms != null ? d.platforms : List.of();
    platforms(at + ".platforms", t.platforms);
    boolean insecure = first(t.insecure, d.insecure) || registries.getOrDefault(source.registry(),
        new RegistryAccess(null, null, null, false)).insecure();
    if (problems.size() > before) {
      return null;
    }
    UpstreamReference repo = new UpstreamReference(source.registry(), source.repository(), null, null);
    return new MirrorImage(repo, target, tags, List.copyOf(platforms), first(t.referrers, d.referrers), insecure);
  }

  private static boolean first(Boolean own, Boolean fallback) {
    return own != null ? own : Boolean.TRUE.equals(fallback);
  }

  private TagRules tags(String at, ImageTemplate t) {
    Map<String, Digest> exact = new LinkedHashMap<>();
    List<Digest> digests = new ArrayList<>();
    List<String> entries = t.tags == null ? List.of() : t.tags;
    for (int j = 0; j < entries.size(); j++) {
      entry(at + ".tags[" + j + "]", entries.get(j), exact, digests);
    }
    Pattern pattern = regex(at + ".tag-pattern", t.tagPattern);
    Pattern exclude = regex(at + ".exclude", t.exclude);
    if (t.semver != null) {
      try {
        RangesListFactory.create(t.semver);
      } catch (RuntimeException e) {
        problem(at + ".semver", "'" + t.semver + "' is not a semver range (e.g. \">=1.2 <2\", \"^1.4\", \"~2.0\")");
      }
    }
    if (entries.isEmpty() && pattern == null && t.semver == null) {
      problem(at, "name the tags to mirror: tags:, tag-pattern: or semver:");
    }
    return new TagRules(exact, digests, pattern, exclude, t.semver);
  }

  private void entry(String at, String value, Map<String, Digest> exact, List<Digest> digests) {
    String v = value == null ? "" : value.trim();
    String d = v.startsWith("@") ? v.substring(1) : v.startsWith("sha") && v.contains(":") ? v : null;
    if (d != null) {
      if (!Digest.isValid(d)) {
        problem(at, "'" + value + "' is not a digest (sha256:<64 hex>)");
      } else {
        digests.add(Digest.parse(d));
      }
      return;
    }
    int pin = v.indexOf('@');
    String tag = pin < 0 ? v : v.substring(0, pin);
    String digest = pin < 0 ? null : v.substring(pin + 1);
    if (!Names.isTag(tag)) {
      problem(at, "invalid tag '" + tag + "' (" + Names.tagRule() + ")");
    } else if (digest != null && !Digest.isValid(digest)) {
      problem(at, "'" + digest + "' is not a digest (TAG@sha256:<64 hex> pins a tag)");
    } else {
      exact.put(tag, digest == null ? null : Digest.parse(digest));
    }
  }

  private Pattern regex(String at, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      problem(at, "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
      return null;
    }
  }

  private void platforms(String at, List<String> platforms) {
    if (platforms == null) {
      return;
    }
    for (int k = 0; k < platforms.size(); k++) {
      String p = platforms.get(k);
      if (p == null || !PLATFORM.matcher(p).matches()) {
        problem(at + "[" + k + "]", "'" + p + "' is not a platform (os/architecture[/variant], e.g. linux/arm64/v8)");
      }
    }
  }
}
