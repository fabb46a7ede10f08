package dev.registrish.cli;

import dev.registrish.tree.InvalidTreeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to a message on stderr and an exit code. Known failures print one clear message;
 * only a bug prints a stack trace (or with {@code REGISTRISH_DEBUG=1}).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    var err = cl.getErr();
    if (System.getenv("REGISTRISH_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    if (ex instanceof UserException u) {
      err.println("registrish: " + u.getMessage());
      return u.exitCode();
    }
    if (ex instanceof InvalidTreeException) {
      err.println("registrish: invalid tree: " + ex.getMessage());
      return ExitCodes.INVALID;
    }
    if (ex instanceof IOException || ex instanceof UncheckedIOException) {
      err.println("registrish: " + ex.getMessage());
      return ExitCodes.FAILED;
    }
    err.println("registrish: internal error (please report it): " + ex);
    if (System.getenv("REGISTRISH_DEBUG") == null) {
      ex.printStackTrace(err);
    }
    return ExitCodes.FAILED;
  }
}
