package dev.registrish.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code registrish} command: publishes container images as a static, read-only registry. */
@Command(name = "registrish", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Publish container images as a static, read-only registry: to an S3-compatible bucket "
        + "or a plain web server, so that docker, podman, containerd and skopeo can pull from storage that only serves files.")
public final class Main {
  /** The subcommands, in the order of the help; each is built only when needed. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    SUBCOMMANDS.put("import", ImportCommand::new);
    SUBCOMMANDS.put("tag", TagCommand::new);
    SUBCOMMANDS.put("untag", UntagCommand::new);
    SUBCOMMANDS.put("prune", PruneCommand::new);
    SUBCOMMANDS.put("ls", LsCommand::new);
    SUBCOMMANDS.put("publish", PublishCommand::new);
    SUBCOMMANDS.put("mirror", MirrorCommand::new);
    SUBCOMMANDS.put("verify", VerifyCommand::new);
    SUBCOMMANDS.put("gen", GenCommand::new);
    SUBCOMMANDS.put("serve", ServeCommand::new);
    SUBCOMMANDS.put("doctor", DoctorCommand::new);
    SUBCOMMANDS.put("policy", PolicyCommand::new);
    SUBCOMMANDS.put("profiles", ProfilesCommand::new);
    SUBCOMMANDS.put("bench-corpus", BenchCorpusCommand::new);
    SUBCOMMANDS.put("generate-completion", AutoComplete.GenerateCompletion::new);
  }

  /** The whole command line, every subcommand included. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * Builds the command line with registrish's error handling: user mistakes get a message, never a
   * stack trace. When {@code args} start with a subcommand that needs no other, only that one is
   * built: reading every command's annotations costs start-up time.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    boolean alone = SUBCOMMANDS.containsKey(first) && !first.equals("help") && !first.equals("generate-completion");
    SUBCOMMANDS.forEach((name, command) -> {
      if (!alone || name.equals(first)) {
        cl.addSubcommand(name, command.get());
      }
    });
    if (!Terminal.escapes(System.getenv())) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    if (!alone) {
      cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
          .description("Print a bash/zsh completion script: source <(registrish generate-completion)");
    }
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }
}
