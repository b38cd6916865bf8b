/**
 * The embedding facade, the top of lox-vm: {@link dev.lox.Lox} (one VM with its own globals and
 * streams), {@link dev.lox.Script} (a compiled program, immutable, shareable between VMs) and
 * the results of compiling and loading. It may use every package of lox-vm except {@code cli};
 * nothing in lox-vm uses it but {@code cli}.
 */
package dev.lox;
