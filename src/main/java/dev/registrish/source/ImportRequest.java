package dev.registrish.source;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code registrish import}: the tree (the folder that holds {@code v2/}), the source and its
 * format (null to detect it), the repository, the tags (empty: the source's own names) and the
 * platforms to keep (empty: all).
 */
public record ImportRequest(Path tree, Path source, SourceFormat format, String repository, List<String> tags,
    List<String> platforms) {
  public ImportRequest {
    tags = List.copyOf(tags);
    platforms = List.copyOf(platforms);
  }
}
