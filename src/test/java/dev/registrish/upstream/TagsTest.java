package dev.registrish.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.DistributionRegistry;
import dev.registrish.testing.EndToEnd;
import dev.registrish.testing.RecordingServer;
import dev.registrish.testing.RecordingServer.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag lists from upstream, page by page through Link headers. The reference registry 2.8 answers every
 * tag at once whatever {@code n} asks; pagination as the distribution spec, Docker Hub and distribution 3
 * do it is served by a test server that pages by {@code n} and {@code last}.
 */
@EndToEnd
class TagsTest {
  private static final List<String> TAGS = List.of("v1", "v2", "v3", "v4", "v5");

  @TempDir
  Path work;

  /** A server that pages TAGS by n and last; the first next link is relative, later ones absolute; {@code failLater} answers 500 after page 1. */
  private static RecordingServer pagingServer(boolean failLater) throws Exception {
    AtomicReference<String> origin = new AtomicReference<>();
    RecordingServer server = new RecordingServer(r -> {
      Map<String, String> q = r.query() == null ? Map.of() : List.of(r.query().split("&")).stream()
          .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
      if (failLater && q.containsKey("last")) {
        return Reply.of(500, "");
      }
      int from = q.containsKey("last") ? TAGS.indexOf(q.get("last")) + 1 : 0;
      int to = Math.min(TAGS.size(), from + Integer.parseInt(q.getOrDefault("n", "100")));
      List<String> page = TAGS.subList(from, to);
      String body = "{\"name\":\"app\",\"tags\":[\"" + String.join("\",\"", page) + "\"]}";
      if (to == TAGS.size()) {
        return Reply.of(200, body, "Content-Type", "application/json");
      }
      String next = (from == 0 ? "" : origin.get()) + "/v2/app/tags/list?n=" + q.get("n") + "&last=" + TAGS.get(to - 1);
      return Reply.of(200, body, "Content-Type", "application/json", "Link", "<" + next + ">; rel=\"next\"");
    });
    origin.set(server.origin());
    return server;
  }

  @Test
  void tags_twoPerPage_everyTagAndComplete() throws Exception {
    try (RecordingServer server = pagingServer(false)) {
      UpstreamClient client = UpstreamClient.builder().build();

      TagList list = client.tags(UpstreamReference.parse(server.host() + "/app"), 2);

      assertEquals(TAGS, list.tags());
      assertTrue(list.complete());
      assertEquals(3, list.pages());
      assertEquals(3, client.counts().get(RequestKind.TAGS_LIST));
      assertEquals(List.of("n=2", "n=2&last=v2", "n=2&last=v4"), server.requests().stream().map(r -> r.query()).toList());
    }
  }

  @Test
  void tags_laterPageFails_incompleteWithTheFirstPage() throws Exception {
    try (RecordingServer server = pagingServer(true)) {
      UpstreamClient client = UpstreamClient.builder().attempts(2, Duration.ofMillis(10)).build();

      TagList list = client.tags(UpstreamReference.parse(server.host() + "/app"), 2);

      assertEquals(TAGS.subList(0, 2), list.tags());
      assertFalse(list.complete());
      assertEquals(1, list.pages());
    }
  }

  @Test
  void tags_referenceRegistry_everyPushedTag() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(work)) {
      registry.push(Images.index(work, "app", "v1", 31), "v1", "app");
      registry.tag("app", "v1", "v2");
      registry.tag("app", "v1", "v3");
      UpstreamClient client = UpstreamClient.builder().build();

      TagList list = client.tags(UpstreamReference.parse(registry.host() + "/app"), 2);

      List<String> sorted = new ArrayList<>(list.tags());
      sorted.sort(null);
      assertEquals(TAGS.subList(0, 3), sorted);
      assertTrue(list.complete());
      assertEquals(1, registry.count("GET", "/v2/app/tags/list"));
    }
  }
}
