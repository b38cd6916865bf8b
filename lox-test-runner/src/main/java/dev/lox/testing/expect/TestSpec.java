package dev.lox.testing.expect;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything one test file expects.
 *
 * @param nonTest whether the file says {@code // nontest}: it is then not a test at all
 * @param output expected stdout lines, in order
 * @param compileErrors expected compile errors, each distinct {@link ExpectedCompileError#key()}
 *     once, in file order
 * @param runtimeError the expected runtime error; the last such comment wins, as in the book
 */
public record TestSpec(
    boolean nonTest,
    List<ExpectedOutput> output,
    List<ExpectedCompileError> compileErrors,
    Optional<ExpectedRuntimeError> runtimeError) {

  public static final int EXIT_OK = 0;
  public static final int EXIT_COMPILE_ERROR = 65;
  public static final int EXIT_RUNTIME_ERROR = 70;

  public TestSpec {
    output = List.copyOf(output);
    compileErrors = List.copyOf(compileErrors);
  }

  /**
   * A test expecting both kinds of error cannot pass on any interpreter; the book's runner refuses
   * it, and so do we.
   */
  public boolean isBroken() {
    return !compileErrors.isEmpty() && runtimeError.isPresent();
  }

  public boolean expectsErrors() {
    return !compileErrors.isEmpty() || runtimeError.isPresent();
  }

  public int expectedExitCode() {
    if (!compileErrors.isEmpty()) {
      return EXIT_COMPILE_ERROR;
    }
    return runtimeError.isPresent() ? EXIT_RUNTIME_ERROR : EXIT_OK;
  }

  /** Every expectation, in file order. */
  public List<Expectation> expectations() {
    return Stream.of(output.stream(), compileErrors.stream(), runtimeError.stream())
        .flatMap(s -> s.map(Expectation.class::cast))
        .sorted((a, b) -> Integer.compare(a.line(), b.line()))
        .toList();
  }
}
