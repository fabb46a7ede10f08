package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfilesTest {
  @TempDir
  Path dir;

  Path profile(String field, String value) throws Exception {
    Path file = dir.resolve("mystore.json");
    Files.writeString(file, "{\"" + field + "\": \"" + value + "\", \"pathStyle\": true}");
    return file;
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
      "AWS_SECRET_ACCESS_KEY, endpoint",
      "AWS_SESSION_TOKEN, endpoint",
      "AWS_ACCESS_KEY_ID, publicUrl",
      "GITHUB_TOKEN, publicUrl",
      "DB_PASSWORD, endpoint",
      "Api_Key, region",
      "MY_CREDENTIALS, endpoint",
      "BASIC_AUTH, publicUrl",
  })
  void load_placeholderNamingASecret_refused(String variable, String field) throws Exception {
    Path file = profile(field, "https://${" + variable + "}.example.com");
    var e = assertThrows(ProfileException.class, () -> Profiles.load(file.toString(), Map.of(variable, "s3cr3t-value")));
    assertTrue(e.getMessage().startsWith("profile 'mystore' may not read the environment variable " + variable
        + " (in its " + field + ")"), e.getMessage());
    assertTrue(!e.getMessage().contains("s3cr3t-value"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"CLOUDFLARE_ACCOUNT_ID", "R2_PUBLIC_URL", "R2_JURISDICTION", "AWS_REGION", "SCW_REGION", "bucket", "region"})
  void load_placeholderNamingAPlainValue_resolved(String variable) throws Exception {
    Path file = profile("publicUrl", "https://${" + variable + "}.example.com");
    Profile p = Profiles.load(file.toString(), Map.of(variable, "v"));
    assertEquals("https://" + (variable.equals("bucket") ? "b" : variable.equals("region") ? "r" : "v") + ".example.com",
        p.publicUrl("b", "r"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"local", "r2", "s3", "scaleway"})
  void load_builtInProfile_readsNoSecret(String name) throws Exception {
    assertEquals(name, Profiles.load(name, Map.of()).name());
  }
}
