package dev.registrish.cli;

import dev.registrish.store.DisplayUrl;
import dev.registrish.store.Profile;
import dev.registrish.store.ProfileException;
import dev.registrish.store.ProfileTemplate;
import dev.registrish.store.Profiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code registrish profiles}: lists built-in and user endpoint profiles with their resolved settings. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
    description = "List the endpoint profiles (built-in and the user's) with their settings resolved from the environment.")
public final class ProfilesCommand implements Callable<Integer> {
  @Option(names = "--bucket", paramLabel = "NAME", defaultValue = "BUCKET", description = "Bucket name used to show public URLs.")
  String bucket;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> env = System.getenv();
    List<String> names = new ArrayList<>(Profiles.BUILT_IN);
    List<String> user = Profiles.userProfiles(env);
    names.addAll(user);
    for (String name : names) {
      try {
        Profile p = Profiles.load(name, env);
        ProfileTemplate t = p.template();
        out.println(name + (user.contains(name) ? " (" + Profiles.userDir(env).resolve(name + ".json") + ")" : " (built-in)"));
        out.println("  " + t.description);
        String region = t.region == null ? env.get("AWS_REGION") : resolve(p::region);
        out.println("  endpoint:   " + (t.embedded ? "embedded S3 endpoint unless --endpoint is given"
            : t.endpoint == null ? "AWS default" : DisplayUrl.strip(resolve(() -> p.endpoint(region)))));
        out.println("  region:     " + (t.region == null ? "from AWS_REGION / ~/.aws/config" : region));
        out.println("  addressing: " + (t.pathStyle ? "path-style" : "virtual-host") + "; checksums " + t.checksums
            + (t.chunkedEncoding ? "" : ", no chunked encoding") + (t.batchDelete ? "" : ", one DeleteObject per key"));
        out.println("  acl:        " + t.acl + "; max parts " + t.maxParts);
        out.println("  public URL: " + (t.publicUrl == null ? (t.embedded ? "registrish serve --profile " + name : "given by you (--url)")
            : DisplayUrl.strip(resolve(() -> p.publicUrl(bucket, region)))));
        if (t.notes != null) {
          out.println("  note:       " + t.notes);
        }
      } catch (ProfileException e) {
        out.println(name + ": " + e.getMessage());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private interface Value {
    String get() throws ProfileException;
  }

  private static String resolve(Value v) {
    try {
      return v.get();
    } catch (ProfileException e) {
      return "(" + e.getMessage().replaceFirst("^profile '[^']*' ", "") + ")";
    }
  }
}
