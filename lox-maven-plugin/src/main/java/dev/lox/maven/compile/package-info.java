/**
 * Incremental compilation for {@code lox:compile}: {@link dev.lox.maven.compile.ChunkCache} judges
 * and replaces chunk files, {@link dev.lox.maven.compile.IncrementalCompiler} keeps a tree of them
 * up to date with a tree of sources. Nothing here knows about Maven.
 */
package dev.lox.maven.compile;
