/**
 * Showing results: a console block per failure with a diff of expected and actual output, the
 * summary line, and JUnit XML reports in the format Maven Surefire writes.
 *
 * <p>It may use the runner's results ({@code dev.lox.testing}, {@code .discovery}, {@code
 * .expect}), java-diff-utils and the JDK.
 */
package dev.lox.testing.report;
