/**
 * What a Lox test expects and whether a run met it: the comment syntax of the book's test runner
 * ({@code // expect: }, {@code // expect runtime error: }, {@code // Error ...}, {@code // [line N]
 * Error ...}, {@code // nontest}), the checks applied to a run's output, and the rewriting of
 * {@code // expect:} comments from actual output.
 *
 * <p>Text is handled as ISO-8859-1 strings, one char per byte, so that test files and program
 * output that are not valid UTF-8 are still compared byte for byte; {@link Bytes#display} turns such
 * text into something printable for people.
 *
 * <p>It may use only the JDK and lox-vm's scanner ({@code dev.lox.scanner}), which tells comments
 * from string literals as clox does.
 */
package dev.lox.testing.expect;
