package dev.registrish.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe collector of findings; one finding per URL and check (HEAD and GET seeing the same fault count once). */
final class Findings {
  private final Map<String, Finding> byKey = new ConcurrentHashMap<>();

  void problem(String check, Object url, String message) {
    add(new Finding(Finding.Severity.PROBLEM, check, url.toString(), message));
  }

  void warning(String check, Object url, String message) {
    add(new Finding(Finding.Severity.WARNING, check, url.toString(), message));
  }

  private void add(Finding f) {
    byKey.putIfAbsent(f.url() + " " + f.check(), f);
  }

  /** Every finding, sorted by URL and check. */
  List<Finding> sorted() {
    List<Finding> out = new ArrayList<>(byKey.values());
    out.sort(null);
    return out;
  }
}
