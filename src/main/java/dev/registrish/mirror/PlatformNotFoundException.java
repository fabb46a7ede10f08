package dev.registrish.mirror;

import dev.registrish.upstream.UpstreamReference;
import java.util.Collection;
import java.util.List;

/** An index that holds none of the platforms the mirror file chose: nothing of the image would be mirrored. */
final class PlatformNotFoundException extends ImageFailure {
  PlatformNotFoundException(UpstreamReference ref, List<String> chosen, Collection<String> available) {
    super("platform-not-found", ref + ": platform-not-found: the index has none of " + String.join(", ", chosen)
        + " (it has " + (available.isEmpty() ? "no platform" : String.join(", ", available)) + ")");
  }
}
