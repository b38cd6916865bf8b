package dev.lox.testing.engine;

import dev.lox.testing.discovery.TestFile;
import java.io.File;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * One {@code .lox} file, one test. Its source is the file at its first expectation; once the test
 * has failed, at the line of its first failing expectation. (Launchers and IDEs copy the source when
 * the test plan is made, so they keep showing the first; the failure's message and stack frame carry
 * the failing line to them.)
 */
final class LoxFileDescriptor extends AbstractTestDescriptor {
  private final TestFile file;
  private final int firstExpectationLine;
  private volatile int failureLine;

  LoxFileDescriptor(UniqueId id, TestFile file, int firstExpectationLine) {
    super(id, file.relativePath());
    this.file = file;
    this.firstExpectationLine = firstExpectationLine;
  }

  TestFile file() {
    return file;
  }

  void failedAt(int line) {
    failureLine = line;
  }

  @Override
  public Optional<TestSource> getSource() {
    int line = failureLine > 0 ? failureLine : firstExpectationLine;
    File path = file.path().toAbsolutePath().toFile();
    return Optional.of(
        line > 0 ? FileSource.from(path, FilePosition.from(line)) : FileSource.from(path));
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }
}
