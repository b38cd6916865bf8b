/**
 * The runner as a library, for the CLI, the JUnit engine and the Maven plugin: build a {@link
 * dev.lox.testing.TestRequest}, call {@link dev.lox.testing.TestRunner#run}, read the {@link
 * dev.lox.testing.TestRunResult}. Nothing here prints or exits; results are data, and a {@link
 * dev.lox.testing.TestListener} hears about each test as it finishes.
 */
package dev.lox.testing;
