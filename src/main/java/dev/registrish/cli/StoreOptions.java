package dev.registrish.cli;

import dev.registrish.store.DisplayUrl;
import dev.registrish.store.StoreSession;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that name a bucket and how to reach it, shared by every command that talks to a store. */
final class StoreOptions {
  @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "Bucket name.")
  String bucket;

  @Option(names = "--profile", required = true, paramLabel = "NAME|FILE",
      description = "Endpoint profile: s3, r2, scaleway, local (embedded endpoint unless --endpoint), or a profile JSON file.")
  String profile;

  @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint URL (overrides the profile's).")
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION", description = "Region (overrides the profile's).")
  String region;

  @Option(names = "--acl", paramLabel = "none|public-read", description = "Object ACL to send (overrides the profile's).")
  String acl;

  StoreSession open(int concurrency, Map<String, String> env) throws Exception {
    try {
      return StoreSession.open(profile, bucket, endpoint, acl, region, concurrency, env);
    } catch (dev.registrish.store.ProfileException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.INVALID, DisplayUrl.strip("invalid --endpoint " + endpoint + ": " + e.getMessage()));
    }
  }
}
