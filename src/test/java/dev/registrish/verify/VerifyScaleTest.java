package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.registrish.source.SyntheticImages;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.tree.HeaderRules;
import dev.registrish.tree.Tree;
import dev.registrish.tree.TreeObject;
import dev.registrish.tree.TreeObjects;
import dev.registrish.tree.TreeScanner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.BlobAccess;
import org.jclouds.blobstore.options.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 000-image registry (100 repositories of 20 tags, small layers) served by S3Proxy on loopback,
 * verified from its tree; prints how long the verify took. Objects go straight into the backend
 * so that the set-up stays short.
 */
@EndToEnd
class VerifyScaleTest {
  static final int REPOSITORIES = 100;
  static final int TAGS = 20;

  @Test
  void verify_twoThousandImages(@TempDir Path root) throws Exception {
    SyntheticImages images = new SyntheticImages(root, 2000).layerBytes(64);
    for (int r = 0; r < REPOSITORIES; r++) {
      for (int t = 0; t < TAGS; t++) {
        images.image("scale/repo" + r, "v" + t, List.of("linux/amd64"), 1, List.of());
      }
    }
    Tree tree = TreeScanner.scan(root);
    List<TreeObject> objects = TreeObjects.of(tree, HeaderRules.defaults(), null);
    try (S3ProxyFixture s3 = new S3ProxyFixture("transient")) {
      s3.createBucket("scale");
      publish(s3.blobStore(), "scale", objects);
      VerifyOptions options = VerifyOptions.of(URI.create("http://localhost:" + s3.proxy.getPort() + "/scale/")).withTree(tree);
      VerifyReport report = Verifier.verify(options);
      System.out.println("VerifyScaleTest: " + objects.size() + " objects published; " + report.summary());
      assertEquals(List.of(), report.findings());
      assertEquals(REPOSITORIES * TAGS, report.images());
      assertEquals(REPOSITORIES * TAGS * 2, report.blobs());
    }
  }

  private static void publish(BlobStore blobs, String bucket, List<TreeObject> objects) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> puts = objects.stream().map(o -> pool.submit(() -> {
        byte[] bytes = o.bytes() != null ? o.bytes() : Files.readAllBytes(o.file());
        return blobs.putBlob(bucket, blobs.blobBuilder(o.path()).payload(bytes).contentLength(bytes.length)
            .contentType(o.headers().contentType()).cacheControl(o.headers().cacheControl()).build(),
            new PutOptions().setBlobAccess(BlobAccess.PUBLIC_READ));
      })).toList();
      for (Future<String> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
