package dev.registrish.mirror;

import dev.registrish.upstream.UpstreamReference;
import java.util.List;

/**
 * One image of a mirror file, with the defaults applied: where it comes from, where it goes, which tags,
 * which platforms of an index (empty: every one), and whether its signatures and SBOMs come along.
 *
 * @param source the upstream repository (its tag and digest are unused)
 * @param target the repository in this registry
 * @param insecure whether plain HTTP to a registry other than loopback is allowed
 */
public record MirrorImage(UpstreamReference source, String target, TagRules tags, List<String> platforms,
    boolean referrers, boolean insecure) {

  /** How the image is named in reports and messages: {@code docker.io/library/alpine}. */
  public String name() {
    return source.name();
  }
}
