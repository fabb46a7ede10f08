package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryKeyTest {
  @ParameterizedTest(name = "''{0}'' is ''{1}''")
  @CsvSource({
      "'', ''",
      "mirror, mirror/",
      "/mirror/, mirror/",
      "team/images, team/images/",
      "v2x, v2x/",
      "a/v22/b, a/v22/b/",
  })
  void prefix_normalised(String given, String expected) {
    assertEquals(expected, RegistryKey.prefix(given));
  }

  @ParameterizedTest(name = "''{0}'' is refused: {1}")
  @CsvSource({
      "v2/x/, inside the registry published at the bucket's root (v2/)",
      "v2, inside the registry published at the bucket's root (v2/)",
      "/v2/, inside the registry published at the bucket's root (v2/)",
      "team/v2/x, inside the registry published at prefix team/ (team/v2/)",
      "a//b, empty, '.' and '..' segments are not allowed",
      "a/../b, empty, '.' and '..' segments are not allowed",
  })
  void prefix_overlappingAnotherPublisher_refused(String given, String reason) {
    var e = assertThrows(IllegalArgumentException.class, () -> RegistryKey.prefix(given));
    assertTrue(e.getMessage().startsWith("--prefix " + given + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
