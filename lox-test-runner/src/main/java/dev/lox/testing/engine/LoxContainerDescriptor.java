package dev.lox.testing.engine;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * A group of Lox tests: a {@link LoxTests} class (with a {@code ClassSource}, which is what Surefire
 * counts tests by) or a selected directory.
 */
final class LoxContainerDescriptor extends AbstractTestDescriptor {
  /** The class name for failure stack frames; empty for a directory. */
  private final String className;

  LoxContainerDescriptor(UniqueId id, String displayName, TestSource source, String className) {
    super(id, displayName, source);
    this.className = className;
  }

  String className() {
    return className;
  }

  /**
   * What Surefire's reports give as its tests' {@code classname}: a class's full name (its display
   * name is the simple one, for IDEs), so that it names the same class as the report does.
   */
  @Override
  public String getLegacyReportingName() {
    return className.isEmpty() ? getDisplayName() : className;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }
}
