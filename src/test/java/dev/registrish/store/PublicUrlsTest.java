package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicUrlsTest {
  @Test
  void of_fillsTheProfileTemplate() throws Exception {
    assertEquals("https://images.s3.eu-west-3.amazonaws.com", PublicUrls.of("s3", "images", null, Map.of("AWS_REGION", "eu-west-3")));
    assertEquals("https://images.s3.nl-ams.scw.cloud", PublicUrls.of("scaleway", "images", "nl-ams", Map.of()));
  }

  @Test
  void of_profileWithoutUrlSaysHowToGiveIt() {
    ProfileException e = assertThrows(ProfileException.class, () -> PublicUrls.of("local", "images", null, Map.of()));
    assertEquals("profile 'local' does not know the public URL of bucket 'images': give it with --url", e.getMessage());
    assertEquals("profile 's3' needs a region for its public URL https://${bucket}.s3.${region}.amazonaws.com: pass --region"
        + " or set AWS_REGION, or give the URL with --url",
        assertThrows(ProfileException.class, () -> PublicUrls.of("s3", "images", null, Map.of())).getMessage());
  }
}
