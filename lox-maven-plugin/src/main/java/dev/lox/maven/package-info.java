/**
 * The goals of the Lox Maven plugin: {@code lox:compile}, {@code lox:run}, {@code lox:test} and
 * the generated {@code lox:help}. Each mojo turns its parameters into one call to lox-vm,
 * lox-test-runner or a library class of this plugin, and maps the outcome to Maven's exceptions:
 * expected failures (compile errors, failing tests, a runtime error) are {@code
 * MojoFailureException}, faults are {@code MojoExecutionException}.
 *
 * <p>It may use the plugin's other packages, lox-test-runner's library, lox-vm's public API
 * ({@code dev.lox}, {@code dev.lox.api}, {@code dev.lox.chunk}, {@code dev.lox.io}), Maven's
 * plugin API and the JDK.
 */
package dev.lox.maven;
