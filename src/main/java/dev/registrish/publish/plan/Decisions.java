package dev.registrish.publish.plan;

import dev.registrish.store.RemoteHead;
import dev.registrish.store.RemoteObject;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.RegistryKey.Kind;
import dev.registrish.tree.TreeObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides what happens to one object the source wants, from what the listing and (when asked) a HEAD
 * show: upload, server-side copy, replace, fix headers, corrupt, or unchanged. An object whose bytes
 * only the bucket holds (a mirrored manifest already published) is kept, or copied from its digest key.
 */
final class Decisions {
  private final boolean drift;
  private final Predicate<RemoteObject> foreign;
  private final PlanOptions options;
  /** A listed blob by {@code digest@size}, to copy instead of upload. */
  private final Map<String, String> remoteBlobs = new HashMap<>();
  /** Blobs this plan uploads, by {@code digest@size}: a second repository copies the first's. */
  private final Map<String, String> uploading = new HashMap<>();
  /** Listed manifests that tags without local bytes point to, by key. */
  private final Map<String, RemoteObject> manifests = new HashMap<>();

  Decisions(List<TreeObject> desired, List<RemoteObject> listing, boolean drift, Predicate<RemoteObject> foreign,
      PlanOptions options) {
    this.drift = drift;
    this.foreign = foreign;
    this.options = options;
    Set<String> wanted = new HashSet<>();
    for (TreeObject o : desired) {
      if (o.kind() == Kind.TAG && !o.content().readable()) {
        wanted.add(manifestKey(o));
      }
    }
    for (RemoteObject r : listing) {
      RegistryKey k = RegistryKey.parse(r.key());
      if (k != null && k.kind() == Kind.BLOB) {
        remoteBlobs.putIfAbsent(k.reference() + "@" + r.size(), r.key());
      } else if (wanted.contains(r.key())) {
        manifests.put(r.key(), r);
      }
    }
  }

  private static String manifestKey(TreeObject tag) {
    return RegistryKey.manifest(tag.repository(), tag.digest()).path();
  }

  PlannedAction decide(TreeObject local, RemoteObject remote, RemoteHead head) {
    String key = local.path();
    if (local.kind() == Kind.PING && options.folderKeys()) {
      return remote != null || head != null ? unchanged(local, remote) : act(Action.UPLOAD, local, null, "missing");
    }
    if (remote == null) {
      return missing(local);
    }
    if (local.kind().contentAddressed()) {
      if (remote.size() != local.size()) {
        String sizes = "remote size " + remote.size() + ", expected " + local.size();
        return options.repair() && local.content().readable() ? act(Action.REPLACE, local, remote, sizes)
            : act(Action.CORRUPT, local, remote, sizes + (local.content().readable() ? " (use --repair to replace it)" : ""));
      }
    } else if (!sameBytes(local, remote, head)) {
      return local.content().readable() ? act(Action.REPLACE, local, remote, "content changed")
          : new PlannedAction(Action.COPY, key, local, remote, manifestKey(local), "now " + local.digest());
    }
    String why = head != null && (drift || foreign.test(remote)) ? Drift.of(local, head) : null;
    return why == null ? unchanged(local, remote) : act(Action.FIX_METADATA, local, remote, why);
  }

  private PlannedAction missing(TreeObject local) {
    String key = local.path();
    if (local.kind() == Kind.BLOB) {
      String id = local.digest() + "@" + local.size();
      String source = remoteBlobs.get(id);
      if (source == null) {
        source = uploading.putIfAbsent(id, key);
      }
      if (source != null) {
        return new PlannedAction(Action.COPY, key, local, null, source, "same blob as " + source);
      }
    }
    if (local.kind() == Kind.TAG && !local.content().readable()) {
      return new PlannedAction(Action.COPY, key, local, null, manifestKey(local), "new, " + local.digest());
    }
    return act(Action.UPLOAD, local, null, "missing");
  }

  private boolean sameBytes(TreeObject local, RemoteObject remote, RemoteHead head) {
    if (remote.size() != local.size()) {
      return false;
    }
    if (remote.etagIsMd5() && local.bytes() != null) {
      return remote.etag().equalsIgnoreCase(md5(local.bytes()));
    }
    RemoteObject manifest = local.bytes() == null ? manifests.get(manifestKey(local)) : null;
    if (remote.etagIsMd5() && manifest != null && manifest.etagIsMd5()) {
      return remote.etag().equalsIgnoreCase(manifest.etag());
    }
    return head != null && local.digest().toString().equals(head.metadata().get(HeaderRules.SHA256_METADATA));
  }

  private static PlannedAction act(Action action, TreeObject local, RemoteObject remote, String reason) {
    return new PlannedAction(action, local.path(), local, remote, null, reason);
  }

  private static PlannedAction unchanged(TreeObject local, RemoteObject remote) {
    return new PlannedAction(Action.UNCHANGED, local.path(), local, remote, null, null);
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
