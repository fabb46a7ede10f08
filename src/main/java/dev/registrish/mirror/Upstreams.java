package dev.registrish.mirror;

import dev.registrish.upstream.Credentials;
import dev.registrish.upstream.ExplicitCredentials;
import dev.registrish.upstream.UpstreamClient;
import java.util.Map;

/**
 * The upstream client a mirror file asks for: each registry's access from its {@code registries:} block
 * first, then the files Docker, podman and skopeo keep credentials in; plain HTTP where it is allowed.
 */
public final class Upstreams {
  private Upstreams() {}

  public static UpstreamClient client(MirrorConfig config) {
    Credentials chain = Credentials.defaults();
    UpstreamClient.Builder b = UpstreamClient.builder();
    for (Map.Entry<String, RegistryAccess> e : config.registries().entrySet()) {
      RegistryAccess a = e.getValue();
      if (a.helper() != null) {
        chain = Credentials.helper(e.getKey(), a.helper()).orElse(chain);
      } else if (a.username() != null) {
        chain = ExplicitCredentials.of(e.getKey(), a.username(), a.password()).orElse(chain);
      }
      if (a.insecure()) {
        b.insecure(e.getKey());
      }
    }
    for (MirrorImage image : config.images()) {
      if (image.insecure()) {
        b.insecure(image.source().registry());
      }
    }
    return b.credentials(chain).build();
  }
}
