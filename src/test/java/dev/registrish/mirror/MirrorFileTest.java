package dev.registrish.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Mirror files as users write them: every field read, every mistake named with its line and field before any request. */
class MirrorFileTest {
  static Path fixture(String name) throws URISyntaxException {
    return Path.of(MirrorFileTest.class.getResource("/mirror/" + name).toURI());
  }

  @Test
  void load_everyField() throws Exception {
    MirrorConfig config = MirrorFile.load(fixture("full.yaml"), Map.of("GHCR_TOKEN", "t0ken"));
    MirrorImage alpine = config.images().get(0);
    assertEquals("docker.io/library/alpine", alpine.name());
    assertEquals("library/alpine", alpine.target());
    assertEquals(List.of("linux/amd64", "linux/arm64/v8"), alpine.platforms(), "from defaults");
    assertTrue(alpine.referrers());
    assertEquals(List.of("3.20", "3.19"), List.copyOf(alpine.tags().exact().keySet()));
    assertEquals(1, alpine.tags().digests().size());
    MirrorImage app = config.images().get(1);
    assertEquals("team/app", app.target());
    assertEquals(List.of("linux/amd64"), app.platforms());
    assertEquals(List.of("v1.2.0", "v1.9.9"), app.tags().select(List.of("v1.1.0", "v1.2.0", "v1.9.9", "v1.3.0-rc1", "v2.0.0", "latest")),
        "anchored pattern, semver range, and exclude");
    assertEquals("robot", config.registries().get("ghcr.io").username());
    assertTrue(config.registries().get("localhost:5000").insecure());
    assertFalse(config.registries().toString().contains("t0ken"), "no secret in toString");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "unknown-field.yaml|line 4: images[0].tag_pattern: unknown field 'tag_pattern' (user annotations start with x-)",
      "wrong-kind.yaml|line 2: images[0].source: wrong kind of value: expected text",
      "bad-regex.yaml|line 5: images[0].tag-pattern: not a regular expression",
      "same-target.yaml|line 6: images[1].target: target 'base' is also the target of images[0] (line 2)",
      "no-tags.yaml|line 2: images[0]: name the tags to mirror: tags:, tag-pattern: or semver:",
      "missing-env.yaml|line 7: registries.ghcr.io.password-env: the environment variable GHCR_TOKEN_NOT_SET is not set",
      "not-yaml.yaml|line 4: not valid YAML: found unexpected end of stream",
  })
  void load_mistakeNamedWithLineAndField(String file, String expected) throws Exception {
    MirrorFileException e = assertThrows(MirrorFileException.class, () -> MirrorFile.load(fixture(file), Map.of("GHCR_USER", "u")));
    assertTrue(e.getMessage().contains(file + " " + expected), e.getMessage());
  }

  @Test
  void oneImage_tagOrDigest() throws Exception {
    MirrorConfig tag = MirrorFile.oneImage("alpine:3.20", null, false);
    assertEquals(List.of("3.20"), List.copyOf(tag.images().get(0).tags().exact().keySet()));
    MirrorConfig latest = MirrorFile.oneImage("ghcr.io/org/app", "mirror/app", false);
    assertEquals("mirror/app", latest.images().get(0).target());
    assertEquals(List.of("latest"), List.copyOf(latest.images().get(0).tags().exact().keySet()));
    assertThrows(MirrorFileException.class, () -> MirrorFile.oneImage("Not A Reference", null, false));
  }
}
