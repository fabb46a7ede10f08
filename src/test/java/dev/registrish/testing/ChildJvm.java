package dev.registrish.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code registrish} in a child JVM, as a user would: its own process to kill, its own heap
 * limit, its own environment and file-descriptor limit. Output goes to files next to each other.
 */
public final class ChildJvm {
  private final List<String> command = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private final Path out;
  private final Path err;

  /** A child running the registrish CLI with {@code args}; output in {@code dir}/stdout and stderr. */
  public ChildJvm(Path dir, List<String> jvmArgs, List<String> args) {
    this(dir, jvmArgs, args, entry -> true);
  }

  /** As above, with only the classpath entries {@code keep} accepts. */
  public ChildJvm(Path dir, List<String> jvmArgs, List<String> args, Predicate<String> keep) {
    this.out = dir.resolve("stdout");
    this.err = dir.resolve("stderr");
    String classpath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
        .split(File.pathSeparator)).filter(keep).toList());
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath, "dev.registrish.cli.Main"));
    command.addAll(args);
    env.put("AWS_ACCESS_KEY_ID", S3ProxyFixture.IDENTITY);
    env.put("AWS_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET);
    env.put("AWS_REGION", "us-east-1");
  }

  /** Sets an environment variable of the child. */
  public ChildJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Leaves an environment variable out of the child's environment. */
  public ChildJvm without(String name) {
    env.remove(name);
    return this;
  }

  /** Starts the child, under {@code ulimit -n openFiles} when that is above 0. */
  public Process start(int openFiles) throws IOException {
    List<String> cmd = new ArrayList<>(command);
    if (openFiles > 0) {
      cmd.addAll(0, List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\""));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("REGISTRISH_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs the child to its end (at most {@code seconds}) and returns its exit code. */
  public int run(int openFiles, int seconds) throws Exception {
    Process p = start(openFiles);
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("child JVM did not finish in " + seconds + " s; stderr:\n" + err());
    }
    return p.exitValue();
  }

  public String out() throws IOException {
    return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
  }

  public String err() throws IOException {
    return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
  }
}
