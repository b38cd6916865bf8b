/**
 * Running one Lox program and capturing what it did: in this JVM on a fresh {@code dev.lox.Lox}
 * ({@link dev.lox.testing.exec.InProcessExecutor}, the only class that runs lox-vm) or as a child
 * process of any interpreter command ({@link dev.lox.testing.exec.ExternalProcessExecutor}). Both
 * stop a program that outlives its time limit and hand back raw stdout and stderr bytes.
 *
 * <p>It may use lox-vm's public API ({@code dev.lox}, {@code dev.lox.api}), the runner's {@code
 * .concurrent} and the JDK.
 */
package dev.lox.testing.exec;
