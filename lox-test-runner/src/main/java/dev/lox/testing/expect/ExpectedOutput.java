package dev.lox.testing.expect;

/**
 * {@code // expect: TEXT}: the next line of stdout is exactly TEXT.
 *
 * @param text byte-per-char text of the expected line
 */
public record ExpectedOutput(int line, String text) implements Expectation {}
