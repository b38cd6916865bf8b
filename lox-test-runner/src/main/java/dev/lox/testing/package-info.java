/**
 * The runner as a library, for the CLI, the JUnit engine and the Maven plugin: build a {@link
 * dev.lox.testing.TestRequest} (the one place where options are checked), call {@link
 * dev.lox.testing.TestRunner#run}, read the {@link dev.lox.testing.TestRunResult}. Nothing here
 * prints or exits; results are data, and a {@link dev.lox.testing.TestListener} hears about each
 * test as it finishes.
 *
 * <p>It may use the runner's building blocks ({@code .discovery}, {@code .expect}, {@code .exec},
 * {@code .report}, {@code .concurrent}) and the JDK; never its front ends ({@code .cli}, {@code
 * .engine}), and nothing of lox-vm but through {@code .exec}.
 */
package dev.lox.testing;
