package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void parse_tagAndDigest() {
    assertEquals(ImageReference.ofTag("library/alpine", "3.20"), ImageReference.parse("library/alpine:3.20"));
    ImageReference byDigest = ImageReference.parse("app@" + DIGEST);
    assertTrue(byDigest.byDigest());
    assertEquals("app@" + DIGEST, byDigest.toString());
  }

  @Test
  void parse_rejectsWhatClientsCannotName() {
    assertEquals("'alpine': name an image as REPOSITORY:TAG or REPOSITORY@DIGEST",
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("alpine")).getMessage());
    assertEquals("'app@sha256:12': 'sha256:12' is not a digest (sha256:<64 hex>)",
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app@sha256:12")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:-v1"));
  }
}
