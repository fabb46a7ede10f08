package dev.registrish.store;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loaded endpoint profile: its name, its template, and the environment its placeholders are
 * resolved from. Values are resolved only when asked, so an unused placeholder needs no variable.
 */
public final class Profile {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final String name;
  private final ProfileTemplate template;
  private final Map<String, String> env;

  Profile(String name, ProfileTemplate template, Map<String, String> env) {
    this.name = name;
    this.template = template;
    this.env = env;
  }

  public String name() {
    return name;
  }

  public ProfileTemplate template() {
    return template;
  }

  /** The region, resolved; null when the SDK's chain decides. */
  public String region() throws ProfileException {
    return template.region == null ? null : resolve("region", template.region, null, null);
  }

  /** The endpoint, resolved; null for the SDK default. */
  public String endpoint(String region) throws ProfileException {
    return template.endpoint == null ? null : resolve("endpoint", template.endpoint, null, region);
  }

  /** The public URL for a bucket, resolved; null when the profile cannot know it. */
  public String publicUrl(String bucket, String region) throws ProfileException {
    return template.publicUrl == null ? null : resolve("publicUrl", template.publicUrl, bucket, region);
  }

  private String resolve(String field, String value, String bucket, String region) throws ProfileException {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String replacement = switch (var) {
        case "bucket" -> bucket;
        case "region" -> region;
        default -> env.get(var);
      };
      if (replacement == null || replacement.isEmpty()) {
        replacement = m.group(3);
      }
      if (replacement == null && (var.equals("region") || var.equals("bucket"))) {
        throw new ProfileException("profile '" + name + "' needs a " + var + " for its " + field + " " + value
            + (var.equals("region") ? ": set AWS_REGION or pass --region" : ""));
      }
      if (replacement == null) {
        throw new ProfileException("profile '" + name + "' needs the environment variable " + var
            + " (for its " + field + " " + value + "); set it, or pass the value with an option");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
