package dev.registrish.verify;

import dev.registrish.tree.ImageReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import dev.registrish.tree.Names;
import dev.registrish.tree.RepositoryTree;
import dev.registrish.tree.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Decides which images to check: those named, else every tag of the local tree, else every tag
 * the registry lists ({@code /v2/_catalog}, then each {@code tags/list}).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/api/#catalog">catalog API</a>
 */
final class ImageDiscovery {
  /** The images found, and the repositories whose {@code tags/list} was already fetched (and checked) on the way. */
  record Found(List<ImageReference> images, List<String> listedRepositories) {}

  private ImageDiscovery() {}

  static Found find(VerifyOptions options, RegistryClient client, RegistryChecks checks) throws NoImagesException {
    if (!options.images().isEmpty()) {
      return new Found(options.images(), List.of());
    }
    if (options.tree() != null) {
      return new Found(fromTree(options.tree()), List.of());
    }
    return fromCatalog(options.urls(), client, checks);
  }

  static List<ImageReference> fromTree(Tree tree) {
    List<ImageReference> out = new ArrayList<>();
    for (RepositoryTree repo : tree.repositories().values()) {
      repo.tags().keySet().forEach(tag -> out.add(ImageReference.ofTag(repo.name(), tag)));
    }
    return out;
  }

  private static Found fromCatalog(RegistryUrls urls, RegistryClient client, RegistryChecks checks) throws NoImagesException {
    HttpResult catalog = client.get(urls.catalog(), "application/json").join();
    List<String> repos = new ArrayList<>();
    try {
      if (!catalog.ok()) {
        throw new IOException(catalog.outcome());
      }
      JsonNode list = Json.MAPPER.readTree(catalog.body()).get("repositories");
      if (list == null || !list.isArray()) {
        throw new IOException("no \"repositories\" array");
      }
      list.forEach(r -> repos.add(r.asText()));
    } catch (IOException | RuntimeException e) {
      throw new NoImagesException("no image to check: GET " + urls.catalog() + " gives no catalog (" + e.getMessage()
          + "); name the images with --image REPOSITORY:TAG or give the published tree with --tree DIR");
    }
    Map<String, CompletableFuture<HttpResult>> lists = new TreeMap<>();
    for (String repo : repos) {
      if (Names.isRepository(repo)) {
        lists.put(repo, client.get(urls.tagsList(repo), "application/json"));
      }
    }
    List<ImageReference> images = new ArrayList<>();
    lists.forEach((repo, list) -> checks.tagsList(list.join(), List.of()).ifPresent(tags -> tags.stream()
        .filter(Names::isTag).sorted().forEach(tag -> images.add(ImageReference.ofTag(repo, tag)))));
    if (images.isEmpty()) {
      throw new NoImagesException("no image to check: the catalog at " + urls.catalog() + " lists no tagged image;"
          + " name the images with --image REPOSITORY:TAG or give the published tree with --tree DIR");
    }
    return new Found(images, new ArrayList<>(lists.keySet()));
  }
}
