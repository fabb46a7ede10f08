package dev.registrish.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestTest {
  static final String HEX64 = "0123456789abcdef".repeat(4);

  @Test
  void isValid_acceptsLowerCaseSha256AndSha512Only() {
    assertTrue(Digest.isValid("sha256:" + HEX64));
    assertTrue(Digest.isValid("sha512:" + HEX64 + HEX64));
    assertFalse(Digest.isValid(null));
    assertFalse(Digest.isValid(""));
    assertFalse(Digest.isValid("sha256:"));
    assertFalse(Digest.isValid("sha256"));
    assertFalse(Digest.isValid("v1.0.0"));
    assertFalse(Digest.isValid("sha256:" + HEX64.toUpperCase()));
    assertFalse(Digest.isValid("sha256:" + HEX64.substring(1)));
    assertFalse(Digest.isValid("sha256:" + HEX64 + "0"));
    assertFalse(Digest.isValid("sha256:" + HEX64.substring(1) + "g"));
    assertFalse(Digest.isValid("sha512:" + HEX64));
    assertFalse(Digest.isValid("md5:" + HEX64));
    assertFalse(Digest.isValid("SHA256:" + HEX64));
  }

  @Test
  void parse_splitsAlgorithmAndHex() {
    Digest d = Digest.parse("sha256:" + HEX64);
    assertEquals("sha256", d.algorithm());
    assertEquals(HEX64, d.hex());
    assertEquals(Digest.sha256(new byte[0]), Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:abc"));
  }
}
