package dev.lox.testing.expect;

import java.util.regex.Pattern;

/**
 * The patterns of the book's runner (tool/bin/test.dart), shared by the parser, the checker and the
 * rewriter. UNIX_LINES makes {@code .} match every char but {@code \n}, as in Dart and Python, so
 * bytes such as 0x85 inside a comment are kept.
 */
final class ExpectationSyntax {
  private ExpectationSyntax() {}

  static final Pattern OUTPUT = Pattern.compile("// expect: ?(.*)", Pattern.UNIX_LINES);
  static final Pattern ERROR = Pattern.compile("// (Error.*)", Pattern.UNIX_LINES);
  static final Pattern ERROR_LINE =
      Pattern.compile("// \\[((java|c) )?line (\\d+)\\] (Error.*)", Pattern.UNIX_LINES);
  static final Pattern RUNTIME_ERROR =
      Pattern.compile("// expect runtime error: (.+)", Pattern.UNIX_LINES);
  static final Pattern NON_TEST = Pattern.compile("// nontest");

  /** A compile error as interpreters print it on stderr. */
  static final Pattern REPORTED_ERROR =
      Pattern.compile("\\[.*line (\\d+)\\] (Error.+)", Pattern.UNIX_LINES);

  /** A stack trace line of a runtime error. */
  static final Pattern TRACE_LINE = Pattern.compile("\\[line (\\d+)\\]");

  /** The language whose {@code [c line N]} expectations apply: we match clox. */
  static final String LANGUAGE = "c";
}
