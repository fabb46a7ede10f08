package dev.registrish.cli;

import picocli.CommandLine.Command;

/** {@code registrish gen}: configurations for static web hosts, from the same header rules as publish. */
@Command(name = "gen", mixinStandardHelpOptions = true,
    description = "Generate the configuration that serves a tree as a registry from nginx, Apache or Netlify.",
    subcommands = {GenNginxCommand.class, GenApacheCommand.class, GenNetlifyCommand.class})
final class GenCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a host: gen nginx, gen apache or gen netlify");
  }
}
