package dev.registrish.oci;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson mapper: lenient on read, stable on write. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.INDENT_OUTPUT, false);

  private Json() {}

  /**
   * One shared copy of a short value that recurs in every manifest (media types, platform names):
   * a large tree holds hundreds of thousands of descriptors.
   */
  public static String intern(String value) {
    return value == null || value.length() > 128 ? value : value.intern();
  }
}
