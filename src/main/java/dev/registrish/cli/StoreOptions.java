package dev.registrish.cli;

import dev.registrish.store.DisplayUrl;
import dev.registrish.store.ProfileException;
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

  /** The URL clients pull from: {@code url} when given, else the profile's; a usage error when neither knows it. */
  String publicUrl(StoreSession session, String url) {
    if (url != null) {
      return url;
    }
    try {
      return session.publicUrl();
    } catch (ProfileException e) {
      throw new UserException(ExitCodes.INVALID, "--verify needs the public URL: " + e.getMessage());
    }
  }

  /** What to tell the user after writing to the embedded endpoint: where the data is, and how to pull it; else null. */
  String footer(StoreSession session) {
    return session.embedded() == null ? null : "Stored in " + session.embedded().dataDir() + ". To pull from it: registrish serve"
        + " --profile local --bucket " + bucket + " --port 5000, then e.g. skopeo copy --src-tls-verify=false"
        + " docker://localhost:5000/REPO:TAG oci:out";
  }

  StoreSession open(int concurrency, Map<String, String> env) throws Exception {
    try {
      return StoreSession.open(profile, bucket, endpoint, acl, region, concurrency, env);
    } catch (ProfileException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.INVALID, DisplayUrl.strip("invalid --endpoint " + endpoint + ": " + e.getMessage()));
    }
  }
}
