/**
 * Presenting lox-test-runner's results as Maven Surefire does, for {@code lox:test}: the per-suite
 * and total lines, and the test filter a user types.
 */
package dev.lox.maven.testing;
