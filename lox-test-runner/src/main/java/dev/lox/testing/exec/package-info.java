/**
 * Running one Lox program and capturing what it did: in this JVM on a fresh {@code dev.lox.Lox}
 * ({@link dev.lox.testing.exec.InProcessExecutor}, the only class that touches the lox-vm API) or as a
 * child process of any interpreter command ({@link dev.lox.testing.exec.ExternalProcessExecutor}).
 * Both stop a program that outlives its time limit and hand back raw stdout and stderr bytes.
 */
package dev.lox.testing.exec;
