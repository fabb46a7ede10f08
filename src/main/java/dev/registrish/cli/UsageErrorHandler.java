package dev.registrish.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints a mistake on the command line as one line (for a bad value: the option, the value, and what it accepts) and a
 * pointer to {@code --help}, instead of the whole usage; exits 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String command = cl.getCommandSpec().qualifiedName();
    var err = cl.getErr();
    err.println(command + ": " + message(ex));
    err.println("Try '" + command + " --help' for more information.");
    err.flush();
    return ExitCodes.INVALID;
  }

  private static String message(ParameterException ex) {
    ArgSpec arg = ex.getArgSpec();
    if (arg != null && ex.getValue() != null && ex.getCause() instanceof TypeConversionException cause) {
      String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
      return "invalid value '" + ex.getValue() + "' for " + name + "; expected " + accepted(arg, cause);
    }
    List<String> unknown = ex.getCommandLine().getUnmatchedArguments();
    if (!(ex instanceof UnmatchedArgumentException) && !unknown.isEmpty()) {
      ex = new UnmatchedArgumentException(ex.getCommandLine(), unknown); // a misspelt option explains what seems missing
    }
    String message = ex.getMessage().replaceFirst("^Error: ", "");
    if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
    }
    return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  /** What an option takes: its values for an enum, a whole number for a count, else what its converter says. */
  private static String accepted(ArgSpec arg, TypeConversionException cause) {
    Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
    if (type.isEnum()) {
      return "one of: " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    return cause.getMessage();
  }
}
