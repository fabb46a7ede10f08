package dev.registrish.mirror;

/** A mirror run would delete more than half of a repository's tags; it stops before any request to the bucket writes. */
public final class DeleteGuardException extends RuntimeException {
  DeleteGuardException(String message) {
    super(message);
  }
}
