/**
 * The commands: {@code lox} (run a file or chunk, or a REPL), {@code loxc} (compile, list,
 * write chunk files) and the launcher of a packaged program ({@code java -jar}). The top of
 * lox-vm: uses the facade and the public packages below it; nothing uses it.
 */
package dev.lox.cli;
