package dev.registrish.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.registrish.oci.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the registry as a whole: the {@code /v2/} ping, anonymous bucket listing, and each
 * repository's {@code tags/list}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#determining-support">determining support</a>
 */
final class RegistryChecks {
  private final Findings findings;

  RegistryChecks(Findings findings) {
    this.findings = findings;
  }

  /** The ping must answer 200 (or 401, a registry asking for login); no response at all means the registry is unreachable. */
  void ping(HttpResult r) throws RegistryUnreachableException {
    if (!r.responded()) {
      throw new RegistryUnreachableException("cannot reach the registry: GET " + r.uri() + " got " + r.outcome());
    }
    if (r.status() != 200 && r.status() != 401) {
      findings.problem("ping", r.uri(), "GET answers " + r.outcome() + ", not 200: skopeo, podman, CRI-O and crane check "
          + "/v2/ first and refuse the registry ('pinging container registry ... failed')");
    }
  }

  /** Warns (once) when one of the responses is an S3 bucket listing: anyone can enumerate every repository, listed or not. */
  void listing(List<HttpResult> responses) {
    responses.stream()
        .filter(r -> r.ok() && r.body() != null && new String(r.body(), StandardCharsets.UTF_8).contains("<ListBucketResult"))
        .findFirst()
        .ifPresent(r -> findings.warning("public-listing", r.uri(), "answers an S3 ListBucketResult: anyone can list every"
            + " object of the bucket, including repositories left out of the catalog"));
  }

  /** Checks a {@code tags/list} and returns its tags, or empty (with a warning) when clients cannot list tags. */
  Optional<List<String>> tagsList(HttpResult r, Collection<String> mustList) {
    if (!r.ok()) {
      findings.warning("tags-list", r.uri(), "GET answers " + r.outcome() + ": 'skopeo list-tags' and 'crane ls' fail"
          + " (pulls by tag still work)");
      return Optional.empty();
    }
    List<String> tags = new ArrayList<>();
    try {
      JsonNode doc = Json.MAPPER.readTree(r.body());
      JsonNode array = doc == null ? null : doc.get("tags");
      if (array == null || !array.isArray()) {
        throw new IOException("no \"tags\" array");
      }
      array.forEach(t -> tags.add(t.asText()));
    } catch (IOException e) {
      findings.warning("tags-list", r.uri(), "the body is not a tag list (" + e.getMessage() + "): tag listing fails");
      return Optional.empty();
    }
    List<String> absent = mustList.stream().filter(t -> !tags.contains(t)).sorted().toList();
    if (!absent.isEmpty()) {
      findings.warning("tags-list", r.uri(), "does not list " + String.join(", ", absent) + ": tools that list tags miss them");
    }
    return Optional.of(tags);
  }
}
