/**
 * The threads the runner and the Maven plugin run Lox on: daemon threads and pools of them, and
 * waiting for them to end without losing an interrupt ({@link dev.lox.testing.concurrent.Threads}).
 * Public, for lox-maven-plugin.
 *
 * <p>It may use only the JDK.
 */
package dev.lox.testing.concurrent;
