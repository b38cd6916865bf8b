/**
 * The goals of the Lox Maven plugin: {@code lox:compile}, {@code lox:run}, {@code lox:test} and
 * the generated {@code lox:help}. Each mojo turns its parameters into one call to lox-vm,
 * lox-test-runner or a library class of this plugin, and maps the outcome to Maven's exceptions:
 * expected failures (compile errors, failing tests, a runtime error) are {@code
 * MojoFailureException}, faults are {@code MojoExecutionException}.
 */
package dev.lox.maven;
