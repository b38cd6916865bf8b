/**
 * The compiling tier: hot functions' verified bytecode translated into JVM classes with ASM,
 * which run on the VM's stacks in place of the interpreter. Uses the chunk model (the opcode
 * table, stack depths), runtime values and the VM's {@link dev.lox.vm.Tier} interface; the VM
 * never uses it, and the facade plugs it in.
 */
package dev.lox.jit;
