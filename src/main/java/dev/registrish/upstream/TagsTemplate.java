package dev.registrish.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of {@code /v2/<repo>/tags/list}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags">listing tags</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
class TagsTemplate {
  public String name;
  public List<String> tags;
}
