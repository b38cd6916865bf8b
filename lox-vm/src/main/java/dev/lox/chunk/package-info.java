/**
 * Compiled code, independent of any VM: the opcode table ({@link dev.lox.chunk.OpCode}, with
 * operand layouts, constant kinds and stack effects, read by everything that handles bytecode),
 * compiled functions, stack-depth analysis, the disassembler, and chunk files (format, writer,
 * reader, verifier; specified in {@code docs/chunk-format.md}). Public: build tools read chunk
 * headers and write chunk files through it. Uses {@code runtime} for the string and number
 * values that constants hold, and {@code api} for the toolchain's version; never the compiler,
 * the VM or the facade.
 */
package dev.lox.chunk;
