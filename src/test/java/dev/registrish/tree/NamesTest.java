package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest
  @CsvSource({
      "alpine, true", "library/alpine, true", "a/b/c, true", "my-app, true", "my__app, true", "my.app, true",
      "a--b, true", "Alpine, false", "a/../b, false", "-a, false", "a/, false", "/a, false", "a_b_, false", "a___b, false",
  })
  void isRepository_grammar(String name, boolean valid) {
    assertEquals(valid, Names.isRepository(name));
  }

  @ParameterizedTest
  @CsvSource({
      "latest, true", "1.0.gz, true", "v1.json, true", "V_1-2.3, true", "_x, true", ".hidden, false", "-x, false",
      "a:b, false", "sha256-abc, true",
  })
  void isTag_grammar(String tag, boolean valid) {
    assertEquals(valid, Names.isTag(tag));
  }
}
