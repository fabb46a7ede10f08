package dev.registrish.source;

import dev.registrish.tree.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which image each tag gets. A source holding one image gets every {@code --tag}; a source
 * holding several (an OCI layout's {@code index.json}, a multi-image {@code docker save}) has each
 * {@code --tag} pick the image of that name; with no {@code --tag}, every image is tagged with its own name.
 */
final class TagSelection {
  private TagSelection() {}

  static Map<String, SourceImage> select(ImageSource source, List<SourceImage> images, List<String> tags) throws ImportException {
    if (images.isEmpty()) {
      throw new ImportException(source.describe() + ": holds no image");
    }
    Map<String, SourceImage> out = new LinkedHashMap<>();
    boolean single = images.stream().map(SourceImage::digest).distinct().count() == 1;
    if (!tags.isEmpty()) {
      for (String tag : tags) {
        SourceImage chosen = single ? images.get(0) : named(images, tag);
        if (chosen == null) {
          throw new ImportException(source.describe() + ": holds " + images.size() + " images and none is named '" + tag
              + "' (names: " + String.join(", ", names(images)) + ")");
        }
        out.put(tag, chosen);
      }
      return out;
    }
    for (SourceImage image : images) {
      if (image.name() == null) {
        throw new ImportException(source.describe() + ": image " + image.digest() + " has no name in the source; give --tag");
      }
      if (!Names.isTag(image.name())) {
        throw new ImportException(source.describe() + ": the source names an image '" + image.name()
            + "', which is not a valid tag (" + Names.tagRule() + "); give --tag");
      }
      out.putIfAbsent(image.name(), image);
    }
    return out;
  }

  private static SourceImage named(List<SourceImage> images, String tag) {
    return images.stream().filter(i -> tag.equals(i.name())).findFirst().orElse(null);
  }

  private static List<String> names(List<SourceImage> images) {
    List<String> out = new ArrayList<>();
    images.forEach(i -> out.add(i.name() == null ? "(unnamed " + i.digest().shortForm() + ")" : i.name()));
    return out;
  }
}
