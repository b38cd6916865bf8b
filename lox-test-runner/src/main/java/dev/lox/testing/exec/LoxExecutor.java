package dev.lox.testing.exec;

import dev.lox.api.JitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs one Lox program. Implementations are safe to call from several threads at once. */
public interface LoxExecutor extends AutoCloseable {

  /**
   * Runs a test file.
   *
   * @param file the file, for interpreters that read it themselves
   * @param source its content, already read, for those that do not
   * @param timeout how long the program may run before it is stopped
   */
  Execution execute(Path file, byte[] source, Duration timeout);

  /** Releases threads; executions under way are not affected. */
  @Override
  void close();

  /**
   * An external command when one is given (as words), else the in-process VM with its compiling
   * tier in {@code jit} mode.
   */
  static LoxExecutor create(Optional<List<String>> interpreterCommand, JitMode jit) {
    return create(interpreterCommand, jit, ProjectLibraries.NONE);
  }

  /** As {@link #create(Optional, JitMode)}, the in-process VM loading {@code libraries} first. */
  static LoxExecutor create(
      Optional<List<String>> interpreterCommand, JitMode jit, ProjectLibraries libraries) {
    return interpreterCommand
        .<LoxExecutor>map(ExternalProcessExecutor::new)
        .orElseGet(() -> new InProcessExecutor(jit, libraries));
  }
}
