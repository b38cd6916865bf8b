/**
 * Finding test files: {@code *.lox} under the paths given, in a stable order, less the book's
 * chapter folders that clox does not run, and less what a filter leaves out ({@link
 * dev.lox.testing.discovery.PathFilter}: the filter syntax of every front end).
 *
 * <p>It may use only the JDK.
 */
package dev.lox.testing.discovery;
