/**
 * Showing results: a console block per failure with a diff of expected and actual output, the
 * summary line, and JUnit XML reports in the format Maven Surefire writes.
 */
package dev.lox.testing.report;
