/**
 * The bytecode interpreter: links compiled functions into one VM's runtime objects and runs
 * them on a split reference/number stack, with its globals, output buffer and runtime errors.
 * Uses {@code chunk}, {@code runtime} and {@code api}; never the compiler or the facade.
 */
package dev.lox.vm;
