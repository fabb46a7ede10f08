package dev.registrish.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.registrish.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TreeValidatorTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}, content {1}: matches {2}")
  @CsvSource({
      "sha256, layer, true",
      "sha256, tampered, false",
      "sha512, layer, true",
      "sha512, tampered, false",
  })
  void checkBlob_hashesByTheAlgorithmOfItsName(String algorithm, String content, boolean matches) throws Exception {
    Digest named = Digest.of(algorithm, "layer".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve(named.toString());
    Files.writeString(file, content);

    String problem = TreeValidator.checkBlob(new BlobFile(file, Files.size(file), named));

    assertEquals(matches ? null : file + ": content does not match its name " + named, problem);
  }
}
