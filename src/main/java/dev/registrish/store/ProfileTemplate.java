package dev.registrish.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * An endpoint profile as written in {@code profiles/NAME.json}: the provider's differences as data.
 * Strings may hold {@code ${ENV_VAR}}, {@code ${ENV_VAR:-default}}, {@code ${bucket}} and {@code ${region}}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class ProfileTemplate {
  public String description;
  /** Endpoint URL template; null for the SDK's default (AWS). */
  public String endpoint;
  /** Region; null means the SDK's region chain (AWS_REGION, ~/.aws/config). */
  public String region;
  public boolean pathStyle;
  /** {@code WHEN_SUPPORTED} (SDK default) or {@code WHEN_REQUIRED}, for request and response checksums. */
  public String checksums = "WHEN_SUPPORTED";
  /** Whether the SDK may send aws-chunked bodies. */
  public boolean chunkedEncoding = true;
  /**
   * Whether deletes go in batches (DeleteObjects). Stores that reject the checksum header the SDK
   * always sends with DeleteObjects (S3Proxy, older MinIO and Ceph: 501) get one DeleteObject per key.
   */
  public boolean batchDelete = true;
  /**
   * Whether a single-request upload carries its bytes' SHA-256 ({@code x-amz-checksum-sha256}) for the store to check;
   * off unless the profile says the store accepts it (S3Proxy, for one, answers 501).
   */
  public boolean checksumSha256;
  /** Object ACL sent with every write: {@code none} or {@code public-read}. */
  public String acl = "none";
  public int maxParts = 10_000;
  /** Seconds a request may wait for the store's next byte before it is abandoned and retried. */
  public int socketTimeoutSeconds = 60;
  /** Public URL clients pull from; null when only the user can tell (a custom domain). */
  public String publicUrl;
  /** Whether, without --endpoint, registrish starts its own embedded S3 endpoint. */
  public boolean embedded;
  /**
   * Whether the store keeps a key ending in {@code /} as a folder (S3Proxy's nio2 backends): then the
   * {@code v2/} ping object cannot be stored, and the server or CDN in front must answer {@code /v2/}.
   */
  public boolean folderKeys;
  /**
   * Whether the store honours conditional writes ({@code If-None-Match: *}, {@code If-Match}), which the bucket
   * lock needs; publish checks it. False declares a single writer: the check is skipped and the lock is advisory.
   */
  public boolean conditionalWrites = true;
  /** Advice shown by {@code registrish profiles}. */
  public String notes;
  /** How to fix what {@code doctor} finds, per check: credentials, bucket, write, publicRead, anonymousListing, lifecycle. */
  public Map<String, String> hints = Map.of();
  /** Which policy documents {@code registrish policy} prints: {@code aws} (IAM + bucket policy), {@code scaleway}, {@code r2}, {@code none}. */
  public String policyStyle = "none";
}
