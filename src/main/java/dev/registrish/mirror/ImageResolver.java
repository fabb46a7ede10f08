package dev.registrish.mirror;

import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.Content;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import dev.registrish.upstream.Resolution;
import dev.registrish.upstream.TagList;
import dev.registrish.upstream.UpstreamClient;
import dev.registrish.upstream.UpstreamException;
import dev.registrish.upstream.UpstreamReference;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves one image of a mirror file: selects its tags (reading upstream's tag list only when a pattern or
 * range asks), resolves each by HEAD, walks what is new, and adds its referrers ({@link MirrorReferrers}). Any upstream failure fails the whole image, which
 * then changes nothing in the bucket.
 */
final class ImageResolver {
  private final UpstreamClient client;
  private final BucketContents bucket;
  private final List<RemoteObject> listing;
  private final HeaderRules rules;

  ImageResolver(UpstreamClient client, BucketContents bucket, List<RemoteObject> listing, HeaderRules rules) {
    this.client = client;
    this.bucket = bucket;
    this.listing = listing;
    this.rules = rules;
  }

  ImageResult resolve(MirrorImage image) {
    try {
      ImageContent out = new ImageContent();
      ManifestWalk walk = new ManifestWalk(client, image, bucket, rules, out);
      TagList upstream = image.tags().needsTagList() ? client.tags(image.source(), 0) : null;
      List<String> selected = image.tags().select(upstream == null ? List.of() : upstream.tags());
      for (String tag : selected) {
        tag(image, walk, out, tag);
      }
      for (Digest pinned : image.tags().digests()) {
        walk.manifest(pinned, -1);
      }
      new MirrorReferrers(client, image, walk, t -> tag(image, walk, out, t), rules).add(out);
      return ImageResult.ok(image, out, deletesProven(image, selected, upstream));
    } catch (UpstreamException e) {
      return ImageResult.failed(image, e.reason().code(), e.getMessage());
    }
  }

  private void tag(MirrorImage image, ManifestWalk walk, ImageContent out, String tag) throws UpstreamException {
    Resolution r = client.resolve(image.source().withTag(tag));
    Digest digest = r.digest();
    Digest pin = image.tags().exact().get(tag);
    if (pin != null && !pin.equals(digest)) {
      out.notes.add(image.name() + ":" + tag + " moved upstream to " + digest + "; kept at its pin " + pin);
      digest = pin;
    }
    RawManifest m = walk.manifest(digest, pin != null ? -1 : r.size());
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
   * answers 404. A tag list that did not answer whole proves nothing.
   */
  private boolean deletesProven(MirrorImage image, List<String> selected, TagList upstream) throws UpstreamException {
    Set<String> bucketTags = new TreeSet<>();
    for (RemoteObject r : listing) {
      RegistryKey k = RegistryKey.parse(r.key());
      if (k != null && k.kind() == Kind.TAG && k.repository().equals(image.target())) {
        bucketTags.add(k.reference());
      }
    }
    bucketTags.removeAll(selected);
    if (bucketTags.isEmpty() || upstream == null) {
      return true;
    }
    if (!upstream.complete()) {
      return false;
    }
    Set<String> listed = Set.copyOf(upstream.tags());
    for (String gone : bucketTags) {
      if (!listed.contains(gone) && exists(image.source().withTag(gone))) {
        return false;
      }
    }
    return true;
  }

  private boolean exists(UpstreamReference ref) throws UpstreamException {
    try {
      client.resolve(ref);
      return true;
    } catch (UpstreamException e) {
      if (e.reason() == UpstreamException.Reason.TAG_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
