package dev.registrish.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark corpora, written into a tree by {@code registrish bench-corpus}: seeded, so the same
 * name and seed always give the same bytes.
 */
public enum Corpus {
  SMALL("20 multi-arch images in 5 repositories, about 70 MB, about 200 objects"),
  MANY("2 000 multi-arch images in 100 repositories, small layers, about 20 000 objects"),
  BIG("one image with two 1 GiB layers (random bytes, streamed to disk)"),
  HUGE("20 000 multi-arch images in 1 000 repositories, tiny layers, about 200 000 objects"),
  SHARED("100 repositories whose images share one 8 MiB base layer");

  /** The repository that {@link #addTag} writes into. */
  public static final String NEW_TAGS_REPOSITORY = "bench/new";

  private static final List<String> TWO_PLATFORMS = List.of("linux/amd64", "linux/arm64");

  private final String description;

  Corpus(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Writes this corpus into the tree at {@code root}; returns the number of images (tags) written. */
  public int write(Path root, long seed) throws IOException {
    SyntheticImages images = new SyntheticImages(root, seed);
    return switch (this) {
      case SMALL -> grid(images.layerBytes(880_000), "small/app-%d", 5, 4);
      case MANY -> grid(images.layerBytes(256), "many/svc-%03d", 100, 20);
      case HUGE -> grid(images.layerBytes(64), "huge/svc-%04d", 1000, 20);
      case BIG -> big(images);
      case SHARED -> shared(images);
    };
  }

  /**
   * Writes one new image, tagged {@code tag}, into {@value #NEW_TAGS_REPOSITORY}: two platforms, two
   * 1 KiB layers each, seeded by the tag so that every tag is different and every run the same.
   */
  public static void addTag(Path root, String tag, long seed) throws IOException {
    new SyntheticImages(root, seed * 31 + tag.hashCode()).layerBytes(1024).image(NEW_TAGS_REPOSITORY, tag, TWO_PLATFORMS, 2, List.of());
  }

  /** {@code repos} repositories of {@code tags} two-platform images, each platform with two layers of its own. */
  private static int grid(SyntheticImages images, String repoPattern, int repos, int tags) throws IOException {
    for (int r = 0; r < repos; r++) {
      String repo = String.format(repoPattern, r);
      for (int t = 0; t < tags; t++) {
        images.image(repo, "v1." + t, TWO_PLATFORMS, 2, List.of());
      }
    }
    return repos * tags;
  }

  private static int big(SyntheticImages images) throws IOException {
    List<SyntheticImages.Layer> layers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      layers.add(images.randomBlob("big/data", 1L << 30));
    }
    images.image("big/data", "v1", "linux/amd64", layers);
    return 1;
  }

  private static int shared(SyntheticImages images) throws IOException {
    byte[] base = images.layer("base", 8 << 20);
    images.layerBytes(1024);
    for (int r = 0; r < 100; r++) {
      images.image(String.format("shared/app-%03d", r), "v1", List.of("linux/amd64"), 1, List.of(base));
    }
    return 100;
  }
}
