package dev.registrish.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest such as {@code sha256:<64 hex>}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public record Digest(String algorithm, String hex) {

  /** Parses a digest string; throws {@link IllegalArgumentException} when it is not one. */
  public static Digest parse(String value) {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a digest: " + value);
    }
    int colon = value.indexOf(':');
    return new Digest(Json.intern(value.substring(0, colon)), value.substring(colon + 1));
  }

  /** True when the string is a supported digest (sha256 or sha512, lower-case hex). */
  public static boolean isValid(String value) {
    if (value == null) {
      return false;
    }
    int hexLength = value.startsWith("sha256:") ? 64 : value.startsWith("sha512:") ? 128 : -1;
    if (hexLength < 0 || value.length() != 7 + hexLength) {
      return false;
    }
    for (int i = 7; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The sha256 digest of the given bytes. */
  public static Digest sha256(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(newHasher("sha256").digest(bytes)));
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return newHasher(algorithm);
  }

  /** A fresh {@link MessageDigest} for an algorithm name as digests spell it. */
  public static MessageDigest newHasher(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a finished hasher's output equals this digest. */
  public boolean matches(MessageDigest finished) {
    return HexFormat.of().formatHex(finished.digest()).equals(hex);
  }

  /** A short form for reports, e.g. {@code sha256:0123456789ab}. */
  public String shortForm() {
    return algorithm + ":" + hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
