/** The {@code lox-test} command: options in, results printed, an exit code out. */
package dev.lox.testing.cli;
