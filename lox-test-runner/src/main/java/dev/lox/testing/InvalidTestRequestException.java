package dev.lox.testing;

import dev.lox.testing.TestRequest.Option;
import dev.lox.testing.TestRequest.Problem;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link TestRequest} that cannot run, with every reason. Front ends catch it and report {@link
 * #messages} in their own style; it is never meant to reach a user as a stack trace.
 */
public final class InvalidTestRequestException extends IllegalArgumentException {
  private final transient List<Problem> problems;

  InvalidTestRequestException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** What is wrong, at least one thing, in the order of {@link Option}. */
  public List<Problem> problems() {
    return problems;
  }

  /** A sentence per problem, each option called by {@code names}, a front end's names for them. */
  public List<String> messages(Function<Option, String> names) {
    return problems.stream().map(p -> p.message(names.apply(p.option()))).toList();
  }
}
