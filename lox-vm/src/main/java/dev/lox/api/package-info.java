/**
 * The types the facade hands out and takes in, defined below everything that produces them: run
 * results and statuses, compile and runtime errors as data, native functions, the toolchain's
 * version and its exit codes. Uses nothing but the JDK, so that the compiler, the VM and the
 * facade can all depend on it.
 */
package dev.lox.api;
