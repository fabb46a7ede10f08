package dev.registrish.source;

/** Gzip data of a source inflates past its {@link InflationLimit}: a likely gzip bomb, refused before it fills the disk. */
public class InflationLimitException extends ImportException {
  public InflationLimitException(String message) {
    super(message);
  }
}
