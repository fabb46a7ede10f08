package dev.registrish.tree;

import java.util.List;

/** A tree that cannot be published as it is; the message lists every problem found, each naming its file. */
public class InvalidTreeException extends Exception {
  private final List<String> problems;

  public InvalidTreeException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems in the tree:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
