package dev.lox.testing.expect;

import java.util.List;

/** What {@link ExpectationRewriter} made of a test: new source, nothing to do, or a refusal. */
public sealed interface Rewrite {

  /**
   * The test rewritten; the new source is known to pass against the run it was made from.
   *
   * @param source the new file content
   * @param changes one line per change, for the user
   */
  record Changed(byte[] source, List<String> changes) implements Rewrite {
    public Changed {
      changes = List.copyOf(changes);
    }
  }

  /** The expectations already say what the program did. */
  record Unchanged() implements Rewrite {}

  /** The test is left alone, for the reason given. */
  record Refused(String reason) implements Rewrite {}
}
