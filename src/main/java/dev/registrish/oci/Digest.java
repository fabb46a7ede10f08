package dev.registrish.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest such as {@code sha256:<64 hex>}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public final class Digest {
  /** The whole digest, e.g. {@code sha256:<hex>}: the only field, so the name a file was read under is also its digest. */
  private final String value;

  private Digest(String value) {
    this.value = value;
  }

  /** A digest from its algorithm ({@code sha256} or {@code sha512}) and lower-case hex. */
  public Digest(String algorithm, String hex) {
    this(algorithm + ":" + hex);
  }

  public String algorithm() {
    return value.substring(0, value.indexOf(':'));
  }

  public String hex() {
    return value.substring(value.indexOf(':') + 1);
  }

  /** Parses a digest string; throws {@link IllegalArgumentException} when it is not one. */
  public static Digest parse(String value) {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a digest: " + value);
    }
    return new Digest(value);
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
    return of("sha256", bytes);
  }

  /** The digest of the given bytes by an algorithm as digests spell it ({@code sha256} or {@code sha512}). */
  public static Digest of(String algorithm, byte[] bytes) {
    return new Digest(algorithm, HexFormat.of().formatHex(newHasher(algorithm).digest(bytes)));
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return newHasher(algorithm());
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
    return hex().equals(HexFormat.of().formatHex(finished.digest()));
  }

  /** A short form for reports, e.g. {@code sha256:0123456789ab}. */
  public String shortForm() {
    return value.substring(0, 7 + 12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && d.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
