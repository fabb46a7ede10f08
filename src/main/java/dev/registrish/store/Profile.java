package dev.registrish.store;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loaded endpoint profile: its name, its template, and the environment its placeholders are
 * resolved from. Values are resolved only when asked, so an unused placeholder needs no variable.
 * Resolved values are shown to users ({@code profiles}, {@code doctor}, messages), so a placeholder
 * may not name a variable that looks like a secret.
 */
public final class Profile {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  /** Words that mark a variable's name as a secret's, in any case and anywhere in the name. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "SECRET|TOKEN|PASS|PWD|KEY|CREDENTIAL|AUTH|SESSION|PRIVATE|COOKIE", Pattern.CASE_INSENSITIVE);

  private final String name;
  private final ProfileTemplate template;
  private final Map<String, String> env;

  /** Throws when a placeholder of the endpoint, region or public URL names a secret-like variable. */
  Profile(String name, ProfileTemplate template, Map<String, String> env) throws ProfileException {
    this.name = name;
    this.template = template;
    this.env = env;
    checkPlaceholders("endpoint", template.endpoint);
    checkPlaceholders("region", template.region);
    checkPlaceholders("publicUrl", template.publicUrl);
  }

  private void checkPlaceholders(String field, String value) throws ProfileException {
    Matcher m = PLACEHOLDER.matcher(value == null ? "" : value);
    while (m.find()) {
      if (SECRET_NAME.matcher(m.group(1)).find()) {
        throw new ProfileException("profile '" + name + "' may not read the environment variable " + m.group(1)
            + " (in its " + field + "): profile values are printed, so a placeholder cannot name a variable whose name"
            + " contains " + secretWords());
      }
    }
  }

  /** The words that make a variable's name a secret's, for messages. */
  private static String secretWords() {
    return SECRET_NAME.pattern().replace("|", ", ");
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
