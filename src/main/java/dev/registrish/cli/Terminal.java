package dev.registrish.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/** Whether the user watches a terminal (rather than a CI log or a pipe), and whether it takes escape codes. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether input and output are a terminal. From Java 22 a console exists also when they are not, and says so
   * through {@code Console.isTerminal()}, asked for by name since this code is built for Java 17.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }

  /** Whether escape codes may be printed: not when {@code NO_COLOR} is set (https://no-color.org) or {@code TERM=dumb}. */
  static boolean escapes(Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }
}
