/**
 * File handling shared by the toolchain's commands and build tools: {@link
 * dev.lox.io.AtomicFiles} replaces a file so that no reader ever sees half of one. A public API
 * package of lox-vm, for {@code loxc}, lox-test-runner and lox-maven-plugin alike.
 *
 * <p>It may use only the JDK: nothing else of lox-vm, so that any layer can depend on it.
 */
package dev.lox.io;
