package dev.registrish.cli;

import dev.registrish.store.Policies;
import dev.registrish.store.Profile;
import dev.registrish.store.ProfileException;
import dev.registrish.store.Profiles;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish policy}: prints the least-privilege policy documents for a profile and bucket. */
@Command(name = "policy", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print the least-privilege policies to paste into your provider: the publishing identity's "
        + "permissions, and the bucket policy that lets anyone pull (where the provider uses one).")
public final class PolicyCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "NAME|FILE", description = "Endpoint profile.")
  String profile;

  @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "Bucket name.")
  String bucket;

  @Mixin
  PrefixOption prefix;

  @Option(names = "--acl", paramLabel = "none|public-read", description = "ACL publish sends (default: the profile's).")
  String acl;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Profile p;
    try {
      p = Profiles.load(profile, System.getenv());
    } catch (ProfileException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Policies.Document d : Policies.of(p, bucket, prefix.value(), acl != null ? acl : p.template().acl)) {
      out.println("# " + d.title());
      out.println(d.body());
      out.println();
    }
    out.flush();
    return ExitCodes.OK;
  }
}
