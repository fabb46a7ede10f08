package dev.registrish.source;

/** A manifest, index or config of a source is above the 4 MiB a document may have, so it is refused unread. */
public class DocumentTooLargeException extends ImportException {
  public DocumentTooLargeException(String message) {
    super(message);
  }
}
