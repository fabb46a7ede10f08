package dev.registrish.store;

import java.util.Map;

/** The public URL clients pull a bucket from, as its endpoint profile spells it ({@code publicUrl} template). */
public final class PublicUrls {
  private PublicUrls() {}

  /**
   * Resolves the profile's template for a bucket; the region is the one given, else the profile's,
   * else {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}. Throws when the profile cannot know the URL.
   */
  public static String of(Profile profile, String bucket, String region, Map<String, String> env) throws ProfileException {
    String r = region != null ? region : profile.region();
    if (r == null) {
      r = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    }
    String template = profile.template().publicUrl;
    if (template != null && template.contains("${region}") && r == null) {
      throw new ProfileException("profile '" + profile.name() + "' needs a region for its public URL " + template
          + ": pass --region or set AWS_REGION, or give the URL with --url");
    }
    String url = profile.publicUrl(bucket, r);
    if (url == null || url.isBlank()) {
      throw new ProfileException("profile '" + profile.name() + "' does not know the public URL of bucket '" + bucket
          + "': give it with --url");
    }
    return url;
  }

  /** {@link #of(Profile, String, String, Map)} for a profile given by name or file. */
  public static String of(String profileName, String bucket, String region, Map<String, String> env) throws ProfileException {
    return of(Profiles.load(profileName, env), bucket, region, env);
  }
}
