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

  /** How many bytes a run may write to each stream before it is stopped. */
  default int outputLimit() {
    return OutputLimit.BYTES;
  }

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
    return create(interpreterCommand, jit, libraries, OutputLimit.BYTES);
  }

  /**
   * As {@link #create(Optional, JitMode, ProjectLibraries)}, stopping a run that writes more than
   * {@code outputLimit} bytes to a stream.
   */
  static LoxExecutor create(
      Optional<List<String>> interpreterCommand,
      JitMode jit,
      ProjectLibraries libraries,
      int outputLimit) {
    return interpreterCommand
        .<LoxExecutor>map(command -> new ExternalProcessExecutor(command, outputLimit))
        .orElseGet(() -> new InProcessExecutor(jit, libraries, outputLimit));
  }
}
