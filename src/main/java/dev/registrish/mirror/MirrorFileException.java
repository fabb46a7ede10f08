package dev.registrish.mirror;

/** A mirror file that cannot be used, with the file, line and field in the message; nothing was requested. */
public class MirrorFileException extends Exception {
  public MirrorFileException(String message) {
    super(message);
  }
}
