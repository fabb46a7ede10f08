package dev.registrish.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar's manifest. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"registrish " + (v == null ? "development build" : v)};
  }
}
