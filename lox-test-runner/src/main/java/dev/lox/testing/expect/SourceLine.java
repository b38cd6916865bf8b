package dev.lox.testing.expect;

/**
 * One line of a test file.
 *
 * @param number the 1-based line number the book's runner gives it
 * @param text the line's bytes, one char per byte, without its terminator
 * @param terminator {@code "\n"}, {@code "\r\n"}, {@code "\r"}, or empty for a last line without one
 */
public record SourceLine(int number, String text, String terminator) {}
