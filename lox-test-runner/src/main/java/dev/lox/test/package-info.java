/**
 * The runner as a library, for the CLI, the JUnit engine and the Maven plugin: build a {@link
 * dev.lox.test.TestRequest}, call {@link dev.lox.test.TestRunner#run}, read the {@link
 * dev.lox.test.TestRunResult}. Nothing here prints or exits; results are data, and a {@link
 * dev.lox.test.TestListener} hears about each test as it finishes.
 */
package dev.lox.test;
