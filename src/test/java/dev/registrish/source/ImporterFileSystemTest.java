package dev.registrish.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.registrish.tree.TreeWriter;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree's file system: one that folds case (macOS defaults) or cannot hold ':' (Windows) is
 * named in a clear message instead of a broken tree. Emulated with in-memory file systems.
 */
class ImporterFileSystemTest {
  @TempDir
  Path tmp;

  private Path layout() throws Exception {
    Path layout = tmp.resolve("layout");
    OciLayoutFixture.write(layout, "v1", List.of("linux/amd64"), false, 9);
    return layout;
  }

  @Test
  void run_caseFoldingFileSystemRefusesTagsDifferingByCase() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      Path tree = fs.getPath("/tree");
      TreeWriter.write(tree.resolve("v2/app/manifests/V1"), "{}".getBytes());

      ImportException e = assertThrows(ImportException.class,
          () -> Importer.run(new ImportRequest(tree, layout(), null, "app", List.of("v1"), List.of())));

      assertTrue(e.getMessage().contains("'v1' and 'V1' differ only by case") && e.getMessage().contains("folds case"),
          e.getMessage());
      try (var files = Files.list(tree)) {
        assertEquals(List.of(tree.resolve("v2")), files.toList());
      }
    }
  }

  @Test
  void run_caseFoldingFileSystemTakesDistinctTags() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      Path tree = fs.getPath("/tree");
      ImportResult result = Importer.run(new ImportRequest(tree, layout(), null, "app", List.of("v1", "latest"), List.of()));

      assertEquals(2, result.tags().size());
      assertTrue(Files.isRegularFile(tree.resolve("v2/app/manifests/latest")));
    }
  }

  @Test
  void run_fileSystemWithoutColonsIsNamed() throws Exception {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      Path tree = fs.getPath("C:\\tree");
      Files.createDirectories(tree);

      ImportException e = assertThrows(ImportException.class,
          () -> Importer.run(new ImportRequest(tree, layout(), null, "app", List.of("v1"), List.of())));

      assertTrue(e.getMessage().contains("cannot hold ':' in file names"), e.getMessage());
      try (var files = Files.list(tree)) {
        assertEquals(List.of(), files.toList());
      }
    }
  }
}
