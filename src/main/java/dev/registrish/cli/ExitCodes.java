package dev.registrish.cli;

/** The documented exit codes (README, "Exit codes"). */
public final class ExitCodes {
  /** Success; with {@code --exit-code}, also "nothing to change". */
  public static final int OK = 0;
  /** The run failed talking to the store or server (network, permissions, missing bucket); see the message. */
  public static final int FAILED = 1;
  /** A usage mistake or invalid input (options, profile, tree); nothing was written. */
  public static final int INVALID = 2;
  /** With {@code --exit-code}: a dry run found changes to make, or verify found problems. */
  public static final int CHANGES = 3;
  /** Another publish holds the bucket's lock. */
  public static final int LOCKED = 4;
  /** A mirror ran, but some of its images failed (each with its reason in the report); the others were mirrored. */
  public static final int PARTIAL = 5;

  private ExitCodes() {}
}
