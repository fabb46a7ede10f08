package dev.registrish.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code registrish} command: publishes container images as a static, read-only registry. */
@Command(name = "registrish", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Publish container images as a static, read-only registry: to an S3-compatible bucket "
        + "or a plain web server, so that docker, podman, containerd and skopeo can pull from storage that only serves files.",
    subcommands = {
        CommandLine.HelpCommand.class,
        ImportCommand.class,
        TagCommand.class,
        UntagCommand.class,
        LsCommand.class,
        PublishCommand.class,
        VerifyCommand.class,
        GenCommand.class,
        ServeCommand.class,
        DoctorCommand.class,
        PolicyCommand.class,
        ProfilesCommand.class,
        GenerateCommand.class,
        picocli.AutoComplete.GenerateCompletion.class,
    })
public final class Main {

  /** Builds the command line with registrish's error handling: user mistakes get a message, never a stack trace. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    if (System.getenv("NO_COLOR") != null) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
        .description("Print a bash/zsh completion script: source <(registrish generate-completion)");
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
