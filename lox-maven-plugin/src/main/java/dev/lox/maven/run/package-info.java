/**
 * Running a Lox program's main script for {@code lox:run}: from its fresh chunk, or compiled first,
 * on a thread of its own, with its output streamed as it is printed.
 */
package dev.lox.maven.run;
