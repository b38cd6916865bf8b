package org.apache.maven.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * For ProgramOutputTest: a stand-in for Maven 4's System.out (LoggingOutputStream's print stream,
 * in this package of maven-core 4, which cannot share the test class path with Maven 3's core),
 * which makes each line a log message.
 */
public final class LogLinePrintStream extends PrintStream {
  public LogLinePrintStream(ByteArrayOutputStream log) {
    super(log, true, StandardCharsets.UTF_8);
  }
}
