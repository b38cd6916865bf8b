/**
 * Threads the toolchain runs work on, and waiting for them to end without losing an interrupt
 * ({@link dev.lox.concurrent.Threads}): lox-vm's compiler, the test runner and the Maven plugin
 * share them. Public. Uses only the JDK.
 */
package dev.lox.concurrent;
