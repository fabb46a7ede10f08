package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeOutlineTest {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);

  static void touch(Path root, String path) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);
  }

  @Test
  void keys_fromFileNames_withTheDerivedDocumentsTheTreeWillHave(@TempDir Path root) throws Exception {
    touch(root, "v2/team/app/blobs/" + B);
    touch(root, "v2/team/app/manifests/" + A);
    touch(root, "v2/team/app/manifests/v1");
    touch(root, "v2/team/app/manifests/v2");
    touch(root, "v2/lib/manifests/" + B);
    touch(root, "v2/_registrish/ping");
    assertEquals(List.of("v2/", "v2/lib/manifests/" + B, "v2/lib/referrers/" + B, "v2/team/app/blobs/" + B,
        "v2/team/app/manifests/" + A, "v2/team/app/manifests/v1", "v2/team/app/manifests/v2", "v2/team/app/referrers/" + A,
        "v2/team/app/tags/list"), TreeOutline.keys(root));
  }

  @Test
  void keys_noTree_none(@TempDir Path root) {
    assertEquals(List.of(), TreeOutline.keys(root.resolve("missing")));
  }
}
