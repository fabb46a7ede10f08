package dev.registrish.tree;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.RawManifest;
import dev.registrish.tree.RegistryKey.Kind;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What no tag reaches any more, and its removal from the tree. Per repository, a tag keeps its manifest, the
 * manifests an index lists, the config and layers of each, and every artifact whose {@code subject} is a kept
 * manifest (signatures, SBOMs), with what that artifact reaches. A repository without any tag is left whole
 * unless forced: its content may be pulled by digest. Referrers fallback tags keep nothing: they are derived.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md#image-manifest-property-descriptions">OCI subject</a>
 */
public final class TreePrune {
  /**
   * One repository's unreachable manifests (indexes first) and blobs, and the referrers fallback tags it holds whose
   * digest is no longer kept.
   *
   * @param heldBack true when the repository has no tag and prune was not forced: nothing of it is removed
   */
  public record Unreachable(RepositoryTree repository, List<ManifestFile> manifests, List<BlobFile> blobs,
      List<ManifestFile> fallbackTags, boolean heldBack) {}

  private TreePrune() {}

  /**
   * What no tag reaches, for each repository that has some; {@code force} includes repositories without tags. A
   * referrers fallback tag ({@code sha256-<hex>}) is derived, not the user's: it keeps nothing, and goes with its digest.
   */
  public static List<Unreachable> find(Tree tree, boolean force) {
    List<Unreachable> out = new ArrayList<>();
    for (RepositoryTree repo : tree.repositories().values()) {
      Set<String> manifests = new HashSet<>();
      Set<String> blobs = new HashSet<>();
      Map<String, ManifestFile> fallbacks = new TreeMap<>();
      repo.tags().forEach((tag, mf) -> {
        if (RegistryKey.tag(repo.name(), tag).kind() == Kind.REFERRERS_TAG) {
          fallbacks.put(tag, mf);
        } else {
          keep(repo, mf.manifest(), manifests, blobs);
        }
      });
      for (boolean more = true; more; ) {
        more = false;
        for (ManifestFile mf : repo.manifests().values()) {
          DescriptorTemplate subject = mf.manifest().template().subject;
          if (subject != null && manifests.contains(subject.digest) && !manifests.contains(key(mf))) {
            keep(repo, mf.manifest(), manifests, blobs);
            more = true;
          }
        }
      }
      manifests.forEach(d -> fallbacks.remove(RegistryKey.referrersTag(repo.name(), Digest.parse(d)).reference()));
      List<ManifestFile> goneManifests = repo.manifests().values().stream().filter(mf -> !manifests.contains(key(mf)))
          .sorted(Comparator.comparing((ManifestFile mf) -> !mf.manifest().isIndex())).toList();
      List<BlobFile> goneBlobs = repo.blobs().values().stream().filter(b -> !blobs.contains(b.digest().toString())).toList();
      if (!goneManifests.isEmpty() || !goneBlobs.isEmpty() || !fallbacks.isEmpty()) {
        out.add(new Unreachable(repo, goneManifests, goneBlobs, List.copyOf(fallbacks.values()), manifests.isEmpty() && !force));
      }
    }
    return out;
  }

  /** Deletes the files of {@code unreachable} (indexes, then manifests, then blobs) and the folders left empty. */
  public static void remove(Tree tree, Unreachable unreachable) throws IOException {
    if (unreachable.heldBack()) {
      return;
    }
    for (ManifestFile mf : unreachable.fallbackTags()) {
      Files.deleteIfExists(mf.path());
    }
    for (ManifestFile mf : unreachable.manifests()) {
      Files.deleteIfExists(mf.path());
    }
    for (BlobFile blob : unreachable.blobs()) {
      Files.deleteIfExists(blob.path());
    }
    Path v2 = tree.root().resolve(RegistryKey.ROOT);
    Path repo = v2.resolve(unreachable.repository().name());
    deleteIfEmpty(repo.resolve("manifests"));
    deleteIfEmpty(repo.resolve("blobs"));
    Path dir = repo;
    while (!dir.equals(v2) && deleteIfEmpty(dir)) {
      dir = dir.getParent();
    }
  }

  private static void keep(RepositoryTree repo, RawManifest top, Set<String> manifests, Set<String> blobs) {
    Deque<RawManifest> pending = new ArrayDeque<>(List.of(top));
    while (!pending.isEmpty()) {
      RawManifest m = pending.pop();
      if (!manifests.add(m.digest().toString())) {
        continue;
      }
      blobs.addAll(m.blobs());
      for (DescriptorTemplate child : m.children()) {
        ManifestFile listed = repo.manifests().get(child.digest);
        if (listed != null) {
          pending.push(listed.manifest());
        }
      }
    }
  }

  /** The digest a manifest file is known by in its repository. */
  private static String key(ManifestFile mf) {
    return mf.manifest().digest().toString();
  }

  private static boolean deleteIfEmpty(Path dir) throws IOException {
    try {
      return Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
  }
}
