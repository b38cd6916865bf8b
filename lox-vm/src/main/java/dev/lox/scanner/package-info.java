/**
 * Source bytes to tokens, on demand, as clox's scanner does. Uses nothing else of lox-vm.
 */
package dev.lox.scanner;
