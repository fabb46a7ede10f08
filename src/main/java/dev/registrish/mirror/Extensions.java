package dev.registrish.mirror;

/** The rule for keys a mirror file does not define: {@code x-...} is the user's own, anything else a mistake. */
final class Extensions {
  private Extensions() {}

  static void accept(String key) {
    if (!key.startsWith("x-")) {
      throw new IllegalArgumentException("unknown field '" + key + "' (user annotations start with x-)");
    }
  }
}
