package dev.registrish.doctor;

import dev.registrish.doctor.Check.Status;
import dev.registrish.store.DisplayUrl;
import dev.registrish.store.ObjectStore;
import dev.registrish.store.StoreException;
import dev.registrish.store.StoreSession;
import dev.registrish.store.Upload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pre-flight checks a new user runs once: credentials, endpoint and bucket, list/put/delete with a
 * probe object, the provider's acceptance of our checksum settings, anonymous reads through the
 * public URL, anonymous listing off, conditional writes honoured (the lock needs them), the last
 * successful publish recent enough, and a lifecycle rule for incomplete uploads. Each failure says
 * how to fix it, in the provider's terms (the profile's {@code hints}).
 */
public final class Doctor {
  private final StoreSession session;
  private final String prefix;
  private final String publicUrl;
  private final Duration maxAge;
  private final Map<String, String> hints;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** {@code maxAge}: the oldest a last successful publish may be, or null to not check it. */
  public Doctor(StoreSession session, String prefix, String publicUrl, Duration maxAge) {
    this.session = session;
    this.prefix = prefix;
    this.maxAge = maxAge;
    this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
    this.hints = session.endpoint().profile().template().hints;
  }

  public List<Check> run() {
    List<Check> checks = new ArrayList<>();
    checks.add(credentials());
    ObjectStore store = session.store();
    try {
      store.probe(prefix + "v2/");
      checks.add(pass("bucket", "endpoint " + where() + " answers; bucket '" + session.endpoint().bucket() + "' exists and can be listed"));
    } catch (StoreException e) {
      checks.add(fail("bucket", e.getMessage(), e.status() == 403 ? "credentials" : "bucket"));
      return checks;
    }
    String key = prefix + "v2/.registrish-doctor-" + UUID.randomUUID();
    byte[] body = "registrish doctor probe".getBytes(StandardCharsets.UTF_8);
    try {
      store.put(Upload.of(key, body, "text/plain", "no-store", Map.of()));
      checks.add(pass("write", "put " + key + " (checksum settings accepted)"));
    } catch (StoreException e) {
      checks.add(fail("write", e.getMessage(), "write"));
      return checks;
    }
    try {
      checks.add(publicRead(key.substring(prefix.length())));
      checks.add(anonymousListing());
    } finally {
      try {
        store.delete(List.of(key));
        checks.add(pass("delete", "deleted " + key));
      } catch (StoreException e) {
        checks.add(fail("delete", e.getMessage() + " (remove " + key + " by hand)", "write"));
      }
    }
    checks.add(UnattendedChecks.conditionalWrites(store, prefix, session.endpoint().profile().template().conditionalWrites));
    if (maxAge != null) {
      checks.add(UnattendedChecks.lastRun(store, prefix, maxAge));
    }
    Boolean lifecycle = store.abortsIncompleteUploads();
    checks.add(lifecycle == null ? new Check("lifecycle", Status.SKIP, "the store does not say whether a lifecycle rule exists", hints.get("lifecycle"))
        : lifecycle ? pass("lifecycle", "a lifecycle rule aborts incomplete multipart uploads")
        : new Check("lifecycle", Status.WARN, "no lifecycle rule aborts incomplete multipart uploads", hints.get("lifecycle")));
    return checks;
  }

  private Check credentials() {
    try {
      return pass("credentials", "from " + session.credentialSource());
    } catch (StoreException e) {
      return fail("credentials", e.getMessage(), "credentials");
    }
  }

  private Check publicRead(String path) {
    if (publicUrl == null) {
      return new Check("public-read", Status.SKIP, "no public URL: pass --url (the address clients pull from)", hints.get("publicRead"));
    }
    String url = publicUrl + "/" + path;
    String shown = DisplayUrl.strip(url);
    try {
      HttpResponse<String> r = get(url);
      return r.statusCode() == 200 ? pass("public-read", "anonymous GET " + shown + " answers 200")
          : fail("public-read", "anonymous GET " + shown + " answers " + r.statusCode() + ": clients cannot pull", "publicRead");
    } catch (Exception e) {
      return fail("public-read", "cannot reach " + shown + " (" + e.getClass().getSimpleName() + ")", "publicRead");
    }
  }

  private Check anonymousListing() {
    if (publicUrl == null) {
      return new Check("anonymous-listing", Status.SKIP, "no public URL given", null);
    }
    String url = publicUrl + "/?list-type=2&max-keys=1";
    String shown = DisplayUrl.strip(url);
    try {
      HttpResponse<String> r = get(url);
      boolean lists = r.statusCode() == 200 && r.body().contains("<ListBucketResult");
      return lists ? new Check("anonymous-listing", Status.WARN, "anonymous GET " + shown + " lists the bucket: every repository is exposed",
          hints.get("anonymousListing")) : pass("anonymous-listing", "the bucket cannot be listed anonymously");
    } catch (Exception e) {
      return new Check("anonymous-listing", Status.SKIP, "cannot reach " + shown, null);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String where() {
    return session.endpoint().where();
  }

  private static Check pass(String name, String detail) {
    return new Check(name, Status.PASS, detail, null);
  }

  private Check fail(String name, String detail, String hint) {
    return new Check(name, Status.FAIL, detail, hints.get(hint));
  }
}
