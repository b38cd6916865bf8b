/**
 * The {@code lox-test} command: options in (mapped onto a {@link dev.lox.testing.TestRequest}, whose
 * problems are reported as usage errors), results printed, an exit code out.
 *
 * <p>It may use the runner's library ({@code dev.lox.testing}, {@code .report}), lox-vm's {@code
 * dev.lox.api} for the exit codes, picocli and the JDK.
 */
package dev.lox.testing.cli;
