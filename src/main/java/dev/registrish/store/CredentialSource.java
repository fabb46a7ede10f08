package dev.registrish.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.useragent.BusinessMetricFeatureId;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Turns {@link Credentials} into the SDK's provider, and names where resolved credentials came from in plain words. */
final class CredentialSource {
  private static final Map<BusinessMetricFeatureId, String> NAMES = Map.ofEntries(
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_ENV_VARS, "environment (AWS_ACCESS_KEY_ID)"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_JVM_SYSTEM_PROPERTIES, "JVM system properties"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN, "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_STS_ASSUME_ROLE, "assume role"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_STS_ASSUME_ROLE_WEB_ID, "assume role"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE, "keys"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_SOURCE_PROFILE, "assume role"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_NAMED_PROVIDER, "named provider"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN, "web identity"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO, "SSO"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_SSO, "SSO"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO_LEGACY, "SSO"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_SSO_LEGACY, "SSO"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_PROCESS, "credential process"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROCESS, "credential process"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_PROFILE_LOGIN, "console login"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_LOGIN, "console login"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_HTTP, "container credentials (ECS, EKS pod identity)"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_IMDS, "instance role (EC2 metadata)"),
      Map.entry(BusinessMetricFeatureId.CREDENTIALS_CODE, "given in code"));

  private CredentialSource() {}

  static AwsCredentialsProvider provider(Credentials credentials) {
    if (credentials instanceof Credentials.KeyPair k) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
    }
    if (credentials instanceof Credentials.NamedProfile p) {
      return ProfileCredentialsProvider.create(p.name());
    }
    if (credentials instanceof Credentials.Anonymous) {
      return AnonymousCredentialsProvider.create();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * Resolves the credentials and says where they came from ("environment", "profile ci (assume role)",
   * "web identity"); throws a {@link StoreException} with the SDK's reason when none can be found.
   */
  static String describe(Credentials credentials, Map<String, String> env, String hint) {
    if (credentials instanceof Credentials.Anonymous) {
      return "none needed (embedded endpoint)";
    }
    AwsCredentialsProvider provider = provider(credentials);
    try {
      var identity = provider.resolveIdentity().join();
      return name(identity.providerName().orElse(""), credentials, env);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof SdkException s ? s : e;
      throw new StoreException("no credentials found: " + firstLine(cause.getMessage()) + " (" + hint + ")", 0, e);
    } finally {
      if (provider instanceof SdkAutoCloseable c) {
        c.close();
      }
    }
  }

  static String name(String providerName, Credentials credentials, Map<String, String> env) {
    List<String> parts = new ArrayList<>();
    boolean profile = false;
    for (String code : providerName.split(",")) {
      BusinessMetricFeatureId id = byCode(code.trim());
      profile |= id != null && id.name().startsWith("CREDENTIALS_PROFILE");
      String n = id == null ? null : NAMES.get(id);
      if (n != null && !parts.contains(n)) {
        parts.add(n);
      }
    }
    if (parts.contains("assume role")) {
      parts.remove("keys"); // a source profile's keys only sign the call that assumes the role
    }
    String what = parts.isEmpty() ? "the SDK's default chain" : String.join(", ", parts);
    if (!profile) {
      return what;
    }
    String name = credentials instanceof Credentials.NamedProfile p ? p.name()
        : env.getOrDefault("AWS_PROFILE", env.getOrDefault("AWS_DEFAULT_PROFILE", "default"));
    return "profile " + name + " (" + what + ")";
  }

  private static BusinessMetricFeatureId byCode(String code) {
    for (BusinessMetricFeatureId id : BusinessMetricFeatureId.values()) {
      if (id.value().equals(code)) {
        return id;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    return s == null ? "unknown reason" : s.lines().findFirst().orElse(s);
  }
}
