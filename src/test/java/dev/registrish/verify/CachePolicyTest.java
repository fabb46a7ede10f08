package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.tree.HeaderRules;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CachePolicyTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "public, max-age=60|60",
      "max-age=300, s-maxage=86400|86400",
      "public, max-age=31536000, immutable|" + Long.MAX_VALUE,
      "no-cache|0",
      "''|0",
      "private, max-age=\"120\"|120",
  })
  void lifetime_longestGranted(String value, long seconds) {
    assertEquals(seconds, CachePolicy.lifetime(value));
  }

  static HttpResult tag(Map<String, List<String>> headers) {
    return new HttpResult("GET", URI.create("https://cdn.example/v2/app/manifests/v1"), 200,
        HttpHeaders.of(headers, (a, b) -> true), new byte[0], null, 0, 1, null);
  }

  @Test
  void checkTag_cdnKeptItLongerThanThePolicy_warnsToLengthenGrace() {
    Findings findings = new Findings();
    new CachePolicy(HeaderRules.defaults()).checkTag(findings, tag(Map.of("Cache-Control", List.of("public, max-age=60"),
        "Age", List.of("3600"), "cf-cache-status", List.of("HIT"))));
    List<Finding> found = findings.sorted();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).toString().contains("a cache in front served this tag 3600 s after it stored it (cf-cache-status HIT)"),
        found.toString());
  }

  @Test
  void checkTag_withinThePolicy_noWarning() {
    Findings findings = new Findings();
    new CachePolicy(HeaderRules.defaults()).checkTag(findings, tag(Map.of("Cache-Control", List.of("public, max-age=60"),
        "Age", List.of("42"))));
    assertEquals(List.of(), findings.sorted());
  }
}
