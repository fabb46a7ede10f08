package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.registrish.oci.Digest;
import dev.registrish.oci.MediaType;
import dev.registrish.source.SyntheticImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScannerTest {
  @TempDir
  Path dir;

  @Test
  void scan_tagCopiesItsManifest_bothShareOneParsedManifest() throws Exception {
    Digest index = new SyntheticImages(dir, 3).image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    RepositoryTree repo = TreeScanner.scan(dir).repositories().get("app");
    assertEquals(index, repo.tags().get("v1").manifest().digest());
    assertSame(repo.manifests().get(index.toString()).manifest(), repo.tags().get("v1").manifest());
    assertEquals(MediaType.OCI_INDEX, repo.tags().get("v1").manifest().mediaType());
  }
}
