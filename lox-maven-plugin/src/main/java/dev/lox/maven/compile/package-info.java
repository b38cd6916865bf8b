/**
 * Incremental compilation for {@code lox:compile}: {@link dev.lox.maven.compile.ChunkCache} judges
 * and replaces chunk files, {@link dev.lox.maven.compile.IncrementalCompiler} keeps a tree of them
 * up to date with a tree of sources. Nothing here knows about Maven.
 *
 * <p>It may use lox-vm's public API ({@code dev.lox}, {@code dev.lox.api}, {@code dev.lox.chunk},
 * {@code dev.lox.io}), lox-test-runner's {@code dev.lox.concurrent} and the JDK.
 */
package dev.lox.maven.compile;
