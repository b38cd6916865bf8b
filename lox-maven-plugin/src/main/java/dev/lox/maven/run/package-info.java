/**
 * Running a Lox program's main script for {@code lox:run}: from its fresh chunk, or compiled first,
 * on a thread of its own, with its output streamed as it is printed.
 *
 * <p>It may use {@code dev.lox.maven.compile}, lox-vm's {@code dev.lox} and {@code dev.lox.api},
 * lox-test-runner's {@code dev.lox.concurrent} and the JDK; nothing of Maven.
 */
package dev.lox.maven.run;
