package dev.registrish.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.registrish.testing.ChildJvm;
import dev.registrish.testing.S3ProxyFixture;
import dev.registrish.testing.CredentialsStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor through the SDK's whole credential chain, in a child JVM with its own HOME and environment and no
 * key pair in it: a {@code ~/.aws/config} profile that assumes a role from a source profile, web identity
 * ({@code AWS_ROLE_ARN} + {@code AWS_WEB_IDENTITY_TOKEN_FILE}), an SSO profile with a cached sign-in, and a
 * missing profile. STS and the SSO portal are a local stand-in (reached through {@code AWS_ENDPOINT_URL_STS} and
 * {@code AWS_ENDPOINT_URL_SSO}) that issues the key pair S3Proxy checks signatures with.
 */
class CredentialChainTest {
  static final String BUCKET = "chain";
  static final String ROLE = "arn:aws:iam::123456789012:role/publisher";
  static final String WEB_TOKEN = "eyJhbGciOiJSUzI1NiJ9.registrish-web-identity-claims.c2lnbmF0dXJl";
  static final String SOURCE_SECRET = "source-profile-secret-93b1";
  static final String SSO_TOKEN = "registrish-sso-access-token-61c0";
  static S3ProxyFixture s3;
  static CredentialsStandIn issuer;

  @TempDir
  Path home;
  @TempDir
  Path work;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyFixture.acceptingSessionTokens();
    s3.createBucket(BUCKET);
    issuer = new CredentialsStandIn();
  }

  @AfterAll
  static void stop() throws Exception {
    issuer.close();
    s3.close();
  }

  /** doctor in a child JVM whose only credentials are the ones the test gives it, and no instance metadata to ask. */
  ChildJvm doctor() {
    return new ChildJvm(work, List.of("-Duser.home=" + home), List.of("doctor", "--bucket", BUCKET, "--profile", "local",
        "--endpoint", s3.uri().toString()))
        .without("AWS_ACCESS_KEY_ID").without("AWS_SECRET_ACCESS_KEY")
        .env("HOME", home.toString())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL_STS", issuer.uri().toString())
        .env("AWS_ENDPOINT_URL_SSO", issuer.uri().toString());
  }

  void awsFiles(String scenario) throws IOException {
    Files.createDirectories(home.resolve(".aws"));
    for (String name : List.of("config", "credentials")) {
      try (InputStream in = CredentialChainTest.class.getResourceAsStream("/aws/" + scenario + "/" + name)) {
        Files.copy(in, home.resolve(".aws").resolve(name));
      }
    }
  }

  static void assertNoSecret(String text) {
    for (String secret : List.of(S3ProxyFixture.SECRET, SOURCE_SECRET, CredentialsStandIn.SESSION_TOKEN, WEB_TOKEN, SSO_TOKEN)) {
      assertFalse(text.contains(secret), "shows a secret:\n" + text);
    }
  }

  static CredentialsStandIn.Call lastCall(String action) {
    List<CredentialsStandIn.Call> calls = issuer.calls().stream().filter(c -> c.action().equals(action)).toList();
    assertFalse(calls.isEmpty(), "no " + action + " call was made");
    return calls.get(calls.size() - 1);
  }

  @Test
  void doctor_profileAssumingRole_namesProfileAndSignsWithTheRole() throws Exception {
    awsFiles("assume-role");
    ChildJvm child = doctor().env("AWS_PROFILE", "ci");
    int exit = child.run(0, 120);
    String out = child.out();
    assertEquals(0, exit, out + child.err());
    assertTrue(out.matches("(?s).*PASS +credentials +from profile ci \\(assume role\\)\n.*"), out);
    assertTrue(out.matches("(?s).*PASS +bucket .*"), "S3Proxy took requests signed with the role's credentials:\n" + out);
    CredentialsStandIn.Call call = lastCall("AssumeRole");
    assertEquals(ROLE, call.params().get("RoleArn"));
    assertEquals("AKIDSOURCEPROFILE", call.signedBy(), "the source profile's key signs the AssumeRole call");
    assertNoSecret(out + child.err());
  }

  @Test
  void doctor_webIdentity_namesWebIdentityAndSignsWithTheRole() throws Exception {
    Path token = work.resolve("web-identity-token");
    Files.writeString(token, WEB_TOKEN, StandardCharsets.UTF_8);
    ChildJvm child = doctor().env("AWS_ROLE_ARN", ROLE).env("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
        .env("AWS_ROLE_SESSION_NAME", "registrish-ci");
    int exit = child.run(0, 120);
    String out = child.out();
    assertEquals(0, exit, out + child.err());
    assertTrue(out.matches("(?s).*PASS +credentials +from web identity \\(AWS_WEB_IDENTITY_TOKEN_FILE\\), assume role\n.*"), out);
    assertTrue(out.matches("(?s).*PASS +bucket .*"), "S3Proxy took requests signed with the role's credentials:\n" + out);
    CredentialsStandIn.Call call = lastCall("AssumeRoleWithWebIdentity");
    assertEquals(ROLE, call.params().get("RoleArn"));
    assertEquals("registrish-ci", call.params().get("RoleSessionName"));
    assertEquals(WEB_TOKEN, call.params().get("WebIdentityToken"));
    assertNoSecret(out + child.err());
  }

  @Test
  void doctor_ssoProfile_namesProfileAndSignsWithTheRole() throws Exception {
    awsFiles("sso");
    Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
    // the SDK finds an sso-session's sign-in under the SHA-1 of the session's name
    try (InputStream in = CredentialChainTest.class.getResourceAsStream("/aws/sso/token-cache.json")) {
      Files.copy(in, cache.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest("corp".getBytes(StandardCharsets.UTF_8))) + ".json"));
    }
    ChildJvm child = doctor().env("AWS_PROFILE", "sso");
    int exit = child.run(0, 120);
    String out = child.out();
    assertEquals(0, exit, out + child.err());
    assertTrue(out.matches("(?s).*PASS +credentials +from profile sso \\(SSO\\)\n.*"), out);
    assertTrue(out.matches("(?s).*PASS +bucket .*"), "S3Proxy took requests signed with the role's credentials:\n" + out);
    CredentialsStandIn.Call call = lastCall("GetRoleCredentials");
    assertEquals("publisher", call.params().get("role_name"));
    assertEquals("123456789012", call.params().get("account_id"));
    assertEquals(SSO_TOKEN, call.params().get("bearerToken"));
    assertNoSecret(out + child.err());
  }

  @Test
  void doctor_missingProfile_printsTheSdkReasonAndHint() throws Exception {
    awsFiles("assume-role");
    ChildJvm child = doctor().env("AWS_PROFILE", "nope");
    int exit = child.run(0, 120);
    String out = child.out();
    assertEquals(1, exit, out + child.err());
    assertTrue(out.matches("(?s).*FAIL +credentials +no credentials found: .*"), out);
    assertTrue(out.contains("Profile file contained no credentials for profile 'nope'"), "the SDK's reason:\n" + out);
    assertTrue(out.contains("fix: the embedded endpoint needs none; with --endpoint, set AWS_ACCESS_KEY_ID"), out);
    assertNoSecret(out + child.err());
  }
}
