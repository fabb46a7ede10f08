package dev.registrish.tree;

import dev.registrish.oci.DescriptorTemplate;
import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.oci.RawManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines of {@code registrish ls}: every repository's tags with digest, type and platforms, each followed by the
 * referrers of the image and of its platforms (nested for an artifact's own referrers), typed by their artifact type.
 */
public final class TreeListing {
  private TreeListing() {}

  /** One row per tag (and one per repository without tags), with its referrers below it; columns aligned. */
  public static List<String> lines(Tree tree) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"IMAGE", "DIGEST", "TYPE", "PLATFORMS"});
    for (RepositoryTree repo : tree.repositories().values()) {
      if (repo.tags().isEmpty()) {
        rows.add(new String[] {repo.name() + " (no tags)", "", repo.manifests().size() + " manifests",
            repo.blobs().size() + " blobs"});
      }
      Referrers referrers = Referrers.of(repo);
      for (Map.Entry<String, ManifestFile> tag : repo.tags().entrySet()) {
        if (RegistryKey.tag(repo.name(), tag.getKey()).kind() != RegistryKey.Kind.TAG) {
          continue; // a referrers fallback tag: its entries are listed as referrers
        }
        RawManifest m = tag.getValue().manifest();
        rows.add(new String[] {repo.name() + ":" + tag.getKey(), m.digest().toString(), type(m.mediaType()), platforms(m)});
        referrers(rows, referrers, m.digest(), "", 1);
        for (DescriptorTemplate child : m.children()) {
          referrers(rows, referrers, Digest.parse(child.digest), child.platform == null ? child.digest : child.platform.toString(), 1);
        }
      }
      for (String subject : referrers.subjects()) {
        if (!repo.manifests().containsKey(subject)) {
          rows.add(new String[] {repo.name() + "@" + subject, "", "absent", "its referrers:"});
          referrers(rows, referrers, Digest.parse(subject), "", 1);
        }
      }
    }
    int[] width = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] row : rows) {
      out.add(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s", (Object[]) row).stripTrailing());
    }
    return out;
  }

  /** A row per referrer of {@code subject} ({@code on} names the platform it is about), then their own referrers, indented. */
  private static void referrers(List<String[]> rows, Referrers referrers, Digest subject, String on, int depth) {
    if (depth > 8) {
      return;
    }
    for (DescriptorTemplate d : referrers.of(subject)) {
      rows.add(new String[] {"  ".repeat(depth) + "referrer", d.digest, d.artifactType != null ? d.artifactType : type(d.mediaType),
          on.isEmpty() ? "" : "on " + on});
      referrers(rows, referrers, Digest.parse(d.digest), "", depth + 1);
    }
  }

  private static String type(String mediaType) {
    return switch (mediaType) {
      case MediaType.OCI_INDEX -> "oci-index";
      case MediaType.OCI_MANIFEST -> "oci-manifest";
      case MediaType.DOCKER_LIST -> "docker-list";
      case MediaType.DOCKER_MANIFEST -> "docker-manifest";
      case MediaType.SCHEMA1, MediaType.SCHEMA1_SIGNED -> "docker-schema1";
      default -> mediaType;
    };
  }

  private static String platforms(RawManifest m) {
    List<String> out = new ArrayList<>();
    for (DescriptorTemplate d : m.children()) {
      if (d.platform != null && !("unknown".equals(d.platform.os) && "unknown".equals(d.platform.architecture))) {
        out.add(d.platform.toString());
      }
    }
    return String.join(",", out);
  }
}
