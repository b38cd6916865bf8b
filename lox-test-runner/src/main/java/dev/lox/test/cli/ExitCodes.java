package dev.lox.test.cli;

/** The exit codes of {@code lox-test}, after BSD sysexits where one fits. */
final class ExitCodes {
  private ExitCodes() {}

  static final int PASSED = 0;
  static final int FAILED = 1;
  /** EX_USAGE: a bad option, or a path that is not there. */
  static final int USAGE = 64;
  /** EX_SOFTWARE: a bug of the runner itself. */
  static final int INTERNAL = 70;
}
