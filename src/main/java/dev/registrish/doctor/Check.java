package dev.registrish.doctor;

/** One pre-flight check: what was checked, how it went, what was seen, and how to fix a failure. */
public record Check(String name, Status status, String detail, String fix) {
  /** Outcome of a check. */
  public enum Status { PASS, WARN, FAIL, SKIP }
}
