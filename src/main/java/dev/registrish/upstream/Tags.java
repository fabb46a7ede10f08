package dev.registrish.upstream;

import dev.registrish.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository's tags, page by page: {@code /v2/<repo>/tags/list?n=N}, then each {@code Link: <...>; rel="next"}
 * (relative or absolute) until there is none. A failing later page ends the list, marked incomplete.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags">listing tags</a>
 */
final class Tags {
  private static final int PAGE_LIMIT = 8 << 20;
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
  private final Calls calls;
  private final Transport transport;

  Tags(Calls calls, Transport transport) {
    this.calls = calls;
    this.transport = transport;
  }

  TagList list(UpstreamReference ref, int pageSize) throws UpstreamException {
    URI page = transport.api(ref.registry()).resolve(ref.repository() + "/tags/list" + (pageSize > 0 ? "?n=" + pageSize : ""));
    List<String> tags = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    int pages = 0;
    while (page != null) {
      if (!seen.add(page)) {
        return new TagList(ref, List.copyOf(tags), false, pages);
      }
      try {
        page = page(ref, page, tags);
        pages++;
      } catch (UpstreamException e) {
        if (pages == 0 || e.reason() == UpstreamException.Reason.UNAUTHORIZED) {
          throw e;
        }
        return new TagList(ref, List.copyOf(tags), false, pages);
      }
    }
    return new TagList(ref, List.copyOf(tags), true, pages);
  }

  /** Reads one page into {@code tags}; returns the next page's URI, or null. */
  private URI page(UpstreamReference ref, URI uri, List<String> tags) throws UpstreamException {
    HttpResponse<InputStream> r = calls.send(Call.get(ref, RequestKind.TAGS_LIST, uri, Map.of("Accept", "application/json")));
    if (r.statusCode() == 404) {
      throw new UpstreamException(UpstreamException.Reason.TAG_NOT_FOUND, ref.name(), "no such repository upstream (HTTP 404)"
          + UpstreamResponses.registryError(r, ref));
    }
    if (r.statusCode() != 200) {
      throw UpstreamResponses.unexpected(r, ref, "the tags list");
    }
    byte[] body = UpstreamResponses.read(r, PAGE_LIMIT, ref);
    TagsTemplate t;
    try {
      t = body == null ? null : Json.MAPPER.readValue(body, TagsTemplate.class);
    } catch (IOException e) {
      t = null;
    }
    if (t == null) {
      throw new UpstreamException(UpstreamException.Reason.BAD_RESPONSE, ref.name(), "the tags list page "
          + Transport.shown(uri) + " is not a tags list");
    }
    if (t.tags != null) {
      tags.addAll(t.tags);
    }
    for (String link : r.headers().allValues("Link")) {
      Matcher m = NEXT.matcher(link);
      if (m.find()) {
        return uri.resolve(m.group(1));
      }
    }
    return null;
  }
}
