/**
 * Lox values and objects as the VM and compiled code share them: strings, functions linked into
 * one VM, closures and upvalues, classes, instances and their shapes, property caches, global
 * cells, and number formatting as C's {@code %g}. Values are split into a reference and a
 * {@code double}, a {@code null} reference meaning "the number beside it". Uses only {@code api}
 * (native functions); never the chunk model, the compiler or the VM.
 */
package dev.lox.runtime;
