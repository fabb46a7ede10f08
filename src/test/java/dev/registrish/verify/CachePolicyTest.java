package dev.registrish.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
