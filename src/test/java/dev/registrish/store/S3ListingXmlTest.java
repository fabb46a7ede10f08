package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3ListingXmlTest {
  static byte[] fixture(String name) throws Exception {
    try (InputStream in = S3ListingXmlTest.class.getResourceAsStream("/listing/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void page_truncatedUrlEncoded_decodesKeysAndKeepsEveryField() throws Exception {
    RangeListing.Page page = S3ListingXml.page(fixture("truncated-url-encoded.xml"));
    assertEquals(List.of(
        new RemoteObject("v2/app/blobs/sha256:0d08e41dd05d838e73c644d5eae41803f8c619d0d746a0a0085d5f69ef3e4604", 357,
            "13570165f4f5324836eaef700dc56f4a", Instant.parse("2026-11-29T16:26:14Z")),
        new RemoteObject("v2/app/manifests/release 1", 1024, "9b2cf535f27731c974343645a3985328-2",
            Instant.parse("2026-11-29T16:26:15Z"))), page.objects());
    assertEquals("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=", page.continuation(), "the token as sent");
  }

  @Test
  void page_lastPageNotEncoded_keysAsWrittenAndNoContinuation() throws Exception {
    RangeListing.Page page = S3ListingXml.page(fixture("last-page-plain.xml"));
    assertEquals(List.of(new RemoteObject("v2/a+b&c", 0, "e", Instant.parse("2026-11-29T16:26:14Z"))), page.objects());
    assertNull(page.continuation());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>proxy error", "<html><body>Welcome</body></html>"})
  void page_notAListing_failsSayingSo(String body) {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> S3ListingXml.page(body.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getCause().getMessage().startsWith("the store's listing is not a ListObjectsV2 answer"), e.getCause().getMessage());
  }
}
