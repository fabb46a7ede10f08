package dev.registrish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayUrlTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://user:pa55@s3.example.com/bucket | https://s3.example.com/bucket",
      "http://minio@127.0.0.1:9000 | http://127.0.0.1:9000",
      "invalid --endpoint http://u:pa55@bad host:9000: at index 7: http://u:pa55@bad host:9000 | invalid --endpoint http://bad host:9000: at index 7: http://bad host:9000",
      "https://s3.example.com/a@b?x=@ | https://s3.example.com/a@b?x=@",
      "cannot reach https://images.example.com (timeout) | cannot reach https://images.example.com (timeout)",
  })
  void strip_removesUserInfoOfEveryUrl(String text, String shown) {
    assertEquals(shown, DisplayUrl.strip(text));
  }
}
