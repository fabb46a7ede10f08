package dev.registrish.cli;

import dev.registrish.store.Profile;
import dev.registrish.store.ProfileException;
import dev.registrish.store.Profiles;
import java.util.Map;

/** The public URL clients pull a bucket from, as its endpoint profile spells it ({@code publicUrl} template). */
final class PublicUrl {
  private PublicUrl() {}

  /**
   * Resolves the profile's template for a bucket; the region is the one given, else the profile's,
   * else {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}. Throws a usage error when the profile cannot know the URL.
   */
  static String of(String profileName, String bucket, String region, Map<String, String> env) {
    try {
      Profile profile = Profiles.load(profileName, env);
      String r = region != null ? region : profile.region();
      if (r == null) {
        r = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
      }
      if (profile.template().publicUrl != null && profile.template().publicUrl.contains("${region}") && r == null) {
        throw new UserException(ExitCodes.INVALID, "profile '" + profile.name() + "' needs a region for its public URL "
            + profile.template().publicUrl + ": pass --region or set AWS_REGION, or give the URL with --url");
      }
      String url = profile.publicUrl(bucket, r);
      if (url == null || url.isBlank()) {
        throw new UserException(ExitCodes.INVALID, "profile '" + profile.name() + "' does not know the public URL of bucket '"
            + bucket + "': give it with --url");
      }
      return url;
    } catch (ProfileException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
  }
}
