package dev.registrish.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:<64 hex>}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");

  /** Parses a digest string; throws {@link IllegalArgumentException} when it is not one. */
  public static Digest parse(String value) {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a digest: " + value);
    }
    int colon = value.indexOf(':');
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  /** True when the string is a supported digest (sha256 or sha512, lower-case hex). */
  public static boolean isValid(String value) {
    return value != null && (SHA256.matcher(value).matches() || SHA512.matcher(value).matches());
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
