package dev.registrish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.oci.Digest;
import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.Cli;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.RegistryKey;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreePrune;
import dev.registrish.tree.TreeScanner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code tag}, {@code import}, {@code untag} and {@code prune} leave in a tree is what {@code publish --delete} leaves in the bucket. */
class TreeCommandsPublishTest {
  @RegisterExtension
  static final S3ProxyFixture s3 = S3ProxyFixture.forClass();

  @TempDir
  Path tmp;

  static void ok(Cli.Run run) {
    assertEquals(0, run.exit(), run.toString());
  }

  /** Keys of the bucket under v2/. */
  static List<String> registryKeys(String bucket) throws Exception {
    return s3.keys(bucket).stream().filter(k -> k.startsWith(RegistryKey.ROOT)).toList();
  }

  @ParameterizedTest(name = "{0} --tag {1}")
  @CsvSource({"tag, release.tmp", "tag, x.swp", "tag, Thumbs.db", "import, error.json", "import, release.tmp"})
  void writeTag_nameLikeATemporaryOrLitterFile_isPublishedAndKeptByDelete(String command, String tag) throws Exception {
    Path tree = tmp.resolve("tree");
    if (command.equals("tag")) {
      new SyntheticImages(tree, 1).image("app", "v1", List.of("linux/amd64"), 1, List.of());
      ok(Cli.run("tag", "--tree", tree.toString(), "app:v1", tag));
    } else {
      Path archive = tmp.resolve("classic.tar");
      try (InputStream in = getClass().getResourceAsStream("/docker-save/classic.tar")) {
        Files.copy(in, archive);
      }
      ok(Cli.run("import", "--tree", tree.toString(), archive.toString(), "--image", "app", "--tag", tag));
    }
    String bucket = s3.newBucket("tags");

    ok(s3.publish(bucket, tree, "--delete", "--grace", "0"));
    ok(s3.publish(bucket, tree, "--delete", "--grace", "0"));

    assertTrue(registryKeys(bucket).contains(RegistryKey.tag("app", tag).path()), registryKeys(bucket).toString());
    try (var store = s3.objectStore(bucket)) {
      String tagsList = new String(store.get(RegistryKey.tagsList("app").path()).orElseThrow());
      assertTrue(tagsList.contains("\"" + tag + "\""), tagsList);
    }
  }

  @Test
  void untagPrunePublishDelete_leavesNoUnreachableObjectInTreeOrBucket() throws Exception {
    Path tree = tmp.resolve("tree");
    SyntheticImages images = new SyntheticImages(tree, 2);
    Digest v1 = images.image("app", "v1", List.of("linux/amd64", "linux/arm64"), 1, List.of());
    images.image("app", "v2", List.of("linux/amd64"), 1, List.of());
    String bucket = s3.newBucket("prune");
    ok(s3.publish(bucket, tree));

    ok(Cli.run("untag", "--tree", tree.toString(), "app:v1"));
    Cli.Run dryRun = Cli.run("prune", "--tree", tree.toString(), "--dry-run");
    ok(dryRun);
    assertTrue(dryRun.out().contains("app@" + v1 + " manifest would be removed"), dryRun.out());
    assertTrue(Files.exists(tree.resolve(RegistryKey.manifest("app", v1).path())), "a dry run removes nothing");
    Cli.Run prune = Cli.run("prune", "--tree", tree.toString());
    ok(prune);
    ok(s3.publish(bucket, tree, "--delete", "--grace", "0"));

    Tree left = TreeScanner.scan(tree);
    assertEquals(List.of(), TreePrune.find(left, true), "nothing unreachable left in the tree");
    List<String> published = TreeObjects.of(left, HeaderRules.defaults(), null).stream().map(TreeObject::path)
        .filter(k -> !k.equals(RegistryKey.ROOT)).toList();
    assertEquals(published, registryKeys(bucket).stream().filter(k -> !k.equals(RegistryKey.ROOT)).toList(),
        "the bucket holds what the tree publishes, nothing more");
    assertFalse(registryKeys(bucket).contains(RegistryKey.manifest("app", v1).path()));
    assertTrue(prune.out().contains("publish --delete deletes them from the bucket"), prune.out());
  }

  @Test
  void prune_repositoryWithoutTags_keptUnlessForced() throws Exception {
    Path tree = tmp.resolve("tree");
    new SyntheticImages(tree, 3).image("app", "v1", List.of("linux/amd64"), 1, List.of());
    ok(Cli.run("untag", "--tree", tree.toString(), "app:v1"));

    Cli.Run kept = Cli.run("prune", "--tree", tree.toString());
    ok(kept);
    assertTrue(kept.out().startsWith("app: no tags; 1 manifests and 2 blobs kept (prune --force removes them)"), kept.out());
    ok(Cli.run("prune", "--tree", tree.toString(), "--force"));
    try (Stream<Path> files = Files.walk(tree.resolve("v2"))) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
    }
  }
}
