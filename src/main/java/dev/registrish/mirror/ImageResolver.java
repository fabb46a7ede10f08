package dev.registrish.mirror;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.Content;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.TreeObject;
import dev.registrish.upstream.Resolution;
import dev.registrish.upstream.TagList;
import dev.registrish.upstream.UpstreamClient;
import dev.registrish.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves one image of a mirror file: selects its tags (reading upstream's tag list only when a pattern or
 * range asks), resolves each by HEAD (free on Docker Hub, and it tells the pull budget), walks what is new, and adds
 * its referrers ({@link MirrorReferrers}). Any failure fails the whole image, which then changes nothing in the
 * bucket; a 429 that cannot be waited for, or a spent pull budget, defers it.
 */
final class ImageResolver {
  private final UpstreamClient client;
  private final BucketContents bucket;
  private final HeaderRules rules;
  private final PullBudget budget;

  ImageResolver(UpstreamClient client, BucketContents bucket, HeaderRules rules, PullBudget budget) {
    this.client = client;
    this.bucket = bucket;
    this.rules = rules;
    this.budget = budget;
  }

  ImageResult resolve(MirrorImage image) {
    List<String> selected = new ArrayList<>(image.tags().exact().keySet());
    try {
      ImageContent out = new ImageContent();
      TagList upstream = image.tags().needsTagList() ? client.tags(image.source(), 0) : null;
      selected = image.tags().select(upstream == null ? List.of() : upstream.tags());
      Map<String, Resolution> resolved = new LinkedHashMap<>();
      for (String tag : selected) {
        Resolution r = client.resolve(image.source().withTag(tag));
        budget.observe(r);
        resolved.put(tag, r);
      }
      ManifestWalk walk = new ManifestWalk(client, image, bucket, rules, out, budget);
      Map<String, Digest> digests = digests(image, resolved, out);
      budget.require(image.name(), (int) new LinkedHashSet<>(digests.values()).stream()
          .filter(d -> walk.needsFetch(d, -1)).count());
      for (Map.Entry<String, Resolution> e : resolved.entrySet()) {
        tag(image, walk, out, e.getKey(), e.getValue(), digests.get(e.getKey()));
      }
      for (Digest pinned : image.tags().digests()) {
        walk.manifest(image.source().withDigest(pinned), -1);
      }
      new MirrorReferrers(client, image, walk, t -> tag(image, walk, out, t), rules).add(out);
      return ImageResult.ok(image, out, selected, deletesProven(image, selected, upstream, out));
    } catch (UpstreamException e) {
      if (e.reason() == UpstreamException.Reason.RATE_LIMITED) {
        budget.exhausted();
      }
      return ImageResult.failed(image, selected, e.reason().code(), e.getMessage());
    } catch (ImageFailure e) {
      return ImageResult.failed(image, selected, e.reason(), e.getMessage());
    }
  }

  /** The digest each tag is mirrored at: upstream's, or its pin (noting a pinned tag whose upstream moved). */
  private static Map<String, Digest> digests(MirrorImage image, Map<String, Resolution> resolved, ImageContent out) {
    Map<String, Digest> digests = new LinkedHashMap<>();
    resolved.forEach((tag, r) -> {
      Digest pin = image.tags().exact().get(tag);
      if (pin != null && !pin.equals(r.digest())) {
        out.notes.add(image.name() + ":" + tag + " moved upstream to " + r.digest() + "; kept at its pin " + pin);
        out.moved.put(tag, r.digest().toString());
      }
      digests.put(tag, pin != null ? pin : r.digest());
    });
    image.tags().digests().forEach(d -> digests.put("@" + d, d));
    return digests;
  }

  /** Mirrors a tag found while looking for referrers (a cosign tag), resolved as the image's own tags are. */
  private void tag(MirrorImage image, ManifestWalk walk, ImageContent out, String tag) throws UpstreamException, ImageFailure {
    Resolution r = client.resolve(image.source().withTag(tag));
    budget.observe(r);
    tag(image, walk, out, tag, r, r.digest());
  }

  private void tag(MirrorImage image, ManifestWalk walk, ImageContent out, String tag, Resolution r, Digest digest)
      throws UpstreamException, ImageFailure {
    boolean pinned = image.tags().exact().get(tag) != null;
    RawManifest m = walk.manifest(r.reference().withDigest(digest), pinned ? -1 : r.size());
    RegistryKey key = RegistryKey.tag(image.target(), tag);
    TreeObject manifest = out.objects.get(RegistryKey.manifest(image.target(), digest).path());
    if (m != null) {
      out.add(new TreeObject(key, m.bytes().length, Content.of(m.bytes()), digest, m, rules.tag(m)));
    } else {
      out.add(new TreeObject(key, manifest.size(), Content.IN_BUCKET, digest, null,
          rules.tag(manifest.headers().contentType(), digest)));
    }
    out.tags.put(tag, digest.toString());
  }

  /**
   * Whether every tag the bucket holds in the image's repository that the file no longer selects may be
   * deleted: it is listed upstream (so merely unselected), or a pattern's tag gone from a complete list whose HEAD
   * answers 404. A tag list that did not answer whole, or a HEAD that answers anything else, proves nothing (noted).
   */
  private boolean deletesProven(MirrorImage image, List<String> selected, TagList upstream, ImageContent out) {
    Set<String> gone = new TreeSet<>(bucket.tags(image.target()));
    gone.removeAll(selected);
    if (gone.isEmpty() || upstream == null) {
      return true;
    }
    if (!upstream.complete()) {
      out.notes.add(image.name() + ": deletes nothing: upstream's tag list did not answer every page, so "
          + String.join(", ", gone) + " may still exist upstream");
      return false;
    }
    Set<String> listed = Set.copyOf(upstream.tags());
    for (String tag : gone) {
      String why = listed.contains(tag) ? null : stillThere(image, tag);
      if (why != null) {
        out.notes.add(image.name() + ": deletes nothing: " + why);
        return false;
      }
    }
    return true;
  }

  /** Why a tag missing from upstream's list is not proven gone (its HEAD did not answer 404), or null when it is. */
  private String stillThere(MirrorImage image, String tag) {
    try {
      client.resolve(image.source().withTag(tag));
      return image.name() + ":" + tag + " is missing from upstream's tag list but its HEAD still answers";
    } catch (UpstreamException e) {
      return e.reason() == UpstreamException.Reason.TAG_NOT_FOUND ? null
          : "could not prove " + tag + " gone (" + e.getMessage() + ")";
    }
  }
}
