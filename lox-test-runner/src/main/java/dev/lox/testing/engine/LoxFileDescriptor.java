package dev.lox.testing.engine;

import dev.lox.testing.discovery.TestFile;
import java.io.File;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One {@code .lox} file, one test. Its source is the file at its first expectation; once the test
 * has failed, at the line of its first failing expectation. (Launchers and IDEs copy the source when
 * the test plan is made, so they keep showing the first; the failure's message and stack frame carry
 * the failing line to them.)
 */
final class LoxFileDescriptor extends AbstractTestDescriptor {
  private final TestFile file;
  private final int firstExpectationLine;
  private final Optional<String> testClass;
  private volatile int failureLine;

  /**
   * @param testClass the {@link LoxTests} class the test belongs to, if any: its source is then
   *     that class and the file's base name as a method, which is what Surefire's method filters
   *     ({@code -Dtest=Class#method*}) look at; otherwise its source is the file itself
   */
  LoxFileDescriptor(UniqueId id, TestFile file, int firstExpectationLine, Optional<String> testClass) {
    super(id, file.relativePath());
    this.file = file;
    this.firstExpectationLine = firstExpectationLine;
    this.testClass = testClass;
  }

  TestFile file() {
    return file;
  }

  void failedAt(int line) {
    failureLine = line;
  }

  @Override
  public Optional<TestSource> getSource() {
    if (testClass.isPresent()) {
      return Optional.of(MethodSource.from(testClass.get(), file.baseName()));
    }
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
