/**
 * Finding test files: {@code *.lox} under the paths given, in a stable order, less the book's
 * chapter folders that clox does not run, and less what a {@code --filter} glob leaves out.
 */
package dev.lox.testing.discovery;
