/**
 * Presenting lox-test-runner's results as Maven Surefire does, for {@code lox:test}: the per-suite
 * and total lines. (The test filter a user types is lox-test-runner's, the same for every front
 * end.)
 *
 * <p>It may use lox-test-runner's API and the JDK; nothing of Maven, and nothing of lox-vm.
 */
package dev.lox.maven.testing;
