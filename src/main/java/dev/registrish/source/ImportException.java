package dev.registrish.source;

/** An import that cannot go ahead: the message names the file or option and the reason; the tree is left as it was. */
public class ImportException extends Exception {
  public ImportException(String message) {
    super(message);
  }
}
