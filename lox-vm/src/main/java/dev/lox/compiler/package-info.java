/**
 * The single-pass compiler: tokens straight to a chunk's bytecode, with clox's error messages,
 * panic-mode recovery and limits, and the superinstructions fused as code is emitted. Uses the
 * scanner, the chunk model (opcode table, stack analysis), runtime strings and {@code api}'s
 * compile errors; never the VM.
 */
package dev.lox.compiler;
