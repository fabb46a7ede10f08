package dev.registrish.cli;

import dev.registrish.store.ProfileException;
import dev.registrish.store.PublicUrls;
import dev.registrish.tree.InvalidTreeException;
import dev.registrish.tree.TreeScanner;
import dev.registrish.tree.ImageReference;
import dev.registrish.verify.JsonReport;
import dev.registrish.verify.NoImagesException;
import dev.registrish.verify.RegistryUnreachableException;
import dev.registrish.verify.TextReport;
import dev.registrish.verify.Verifier;
import dev.registrish.verify.VerifyException;
import dev.registrish.verify.VerifyOptions;
import dev.registrish.verify.VerifyReport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code registrish verify}: pull-checks a published registry the way Docker, containerd and skopeo do. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check that every client can pull every image from a registry's public URL, right now.",
    footer = {"", "Exit codes: 0 nothing wrong, 1 the registry cannot be reached, 2 usage error, "
        + "3 problems found (or warnings, with --strict)."})
public final class VerifyCommand implements Callable<Integer> {
  /** The output formats. */
  enum Output { text, json }

  @Spec
  CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", description = "The registry's public URL (clients pull from URL/v2/...); overrides the profile's.")
  String url;

  @Option(names = "--profile", paramLabel = "NAME", description = "Endpoint profile (s3, r2, scaleway, local, or a file) whose public URL template names the registry, with --bucket.")
  String profile;

  @Option(names = "--bucket", paramLabel = "BUCKET", description = "The bucket, for the profile's public URL.")
  String bucket;

  @Option(names = "--region", paramLabel = "REGION", description = "The region, for the profile's public URL (default: the profile's, else AWS_REGION).")
  String region;

  @Option(names = "--tree", paramLabel = "DIR", description = "The published tree (the folder holding v2/): check all its tags and compare their bytes.")
  Path tree;

  @Option(names = "--image", paramLabel = "REPO:TAG", description = "An image to check (REPO:TAG or REPO@DIGEST); repeatable. Default: every tag of --tree, else of /v2/_catalog.")
  List<String> images = new ArrayList<>();

  @Option(names = "--deep", description = "Download every blob and check its sha256 (default: HEAD only).")
  boolean deep;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Mixin
  HeaderOptions headers;

  @Override
  public Integer call() throws IOException, InvalidTreeException {
    VerifyOptions options = options();
    if (tree != null) {
      options = options.withTree(TreeScanner.scan(tree));
    }
    VerifyReport report;
    try {
      report = Verifier.verify(options);
    } catch (RegistryUnreachableException e) {
      throw new UserException(ExitCodes.FAILED, e.getMessage());
    } catch (NoImagesException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    } catch (VerifyException e) {
      throw new UserException(ExitCodes.FAILED, e.getMessage());
    }
    var out = spec.commandLine().getOut();
    if (output == Output.json) {
      JsonReport.write(report, strict, out);
    } else {
      TextReport.write(report, out);
    }
    return report.passed(strict) ? ExitCodes.OK : ExitCodes.CHANGES;
  }

  private VerifyOptions options() {
    List<ImageReference> refs = new ArrayList<>();
    try {
      for (String image : images) {
        refs.add(ImageReference.parse(image));
      }
      return VerifyOptions.of(new URI(registryUrl())).withImages(refs).withDeep(deep).withConcurrency(concurrency)
          .withRules(headers.rules());
    } catch (IllegalArgumentException | URISyntaxException e) {
      throw new UserException(ExitCodes.INVALID, "verify: " + e.getMessage());
    }
  }

  private String registryUrl() {
    if (url != null) {
      return url;
    }
    if (profile == null || bucket == null) {
      throw new UserException(ExitCodes.INVALID, "verify: name the registry with --url URL, or with --profile NAME --bucket BUCKET");
    }
    try {
      return PublicUrls.of(profile, bucket, region, System.getenv());
    } catch (ProfileException e) {
      throw new UserException(ExitCodes.INVALID, e.getMessage());
    }
  }
}
